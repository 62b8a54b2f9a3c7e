import Foundation
import TestSupport

/// The real servers the probe is tested against: LiteLLM's proxy and, in front of it, nginx and
/// mitmproxy. `make test-deps` installs them (the Python ones into .build-venvs/).
enum TestServerPaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let venvs = ProcessInfo.processInfo.environment["PROVIDER_SYNC_TEST_VENVS"] ?? packageRoot + "/.build-venvs"

    /// A program of one of the venvs, or an error that says how to get it.
    static func venvProgram(_ venv: String, _ name: String) throws -> String {
        let path = "\(venvs)/\(venv)/bin/\(name)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw SpawnError(description: "\(path) is missing: run `make test-deps` (it installs the test servers)")
        }
        return path
    }

    static func systemProgram(_ name: String) throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        guard let found = folders.map({ "\($0)/\(name)" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw SpawnError(description: "\(name) is not installed: run `make test-deps`")
        }
        return found
    }

    static func temporaryFolder(_ name: String) throws -> String {
        try TemporaryFolder(prefix: "provider-sync-\(name)").path
    }
}

/// A server on 127.0.0.1 that Fixtures/serve.py keeps running until this test process ends.
struct RunningServer: Sendable {
    var port: Int
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Starts `command` and returns once `healthPath` answers 2xx.
    static func start(_ name: String, port: Int, healthPath: String, command: [String],
                      environment: [String: String] = [:]) async throws -> RunningServer {
        let folder = try TestServerPaths.temporaryFolder(name)
        let ready = folder + "/ready", log = folder + "/log"
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = try ProcessSpawn.start(["/usr/bin/env", "python3", TestServerPaths.fixtures + "/serve.py", ready,
                                    "http://127.0.0.1:\(port)\(healthPath)", "--"] + command,
                                   environment: merged, stdout: log, stderr: log)
        let deadline = ContinuousClock.now + .seconds(150)
        while ContinuousClock.now < deadline {
            if let state = try? String(contentsOfFile: ready, encoding: .utf8) {
                if state.hasPrefix("ready") { return RunningServer(port: port) }
                let tail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
                throw SpawnError(description: "\(name) did not start (\(state.trimmingCharacters(in: .whitespacesAndNewlines))); \(log):\n\(tail)")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw SpawnError(description: "\(name) did not start within 150 s; see \(log)")
    }
}

/// The servers all tests of this process share: LiteLLM alone takes 20-35 s to start.
actor SharedServers {
    static let shared = SharedServers()
    /// LiteLLM's master key: requests without it get 401.
    static let masterKey = "sk-probe-fixture-7f3a9c2e"

    private var started: [String: Task<RunningServer, any Error>] = [:]

    private func once(_ name: String, _ start: @escaping @Sendable () async throws -> RunningServer) async throws -> RunningServer {
        let task = started[name] ?? Task { try await start() }
        started[name] = task
        return try await task.value
    }

    /// LiteLLM's proxy with Fixtures/litellm/config.yaml: no upstream, no database.
    func liteLLM() async throws -> RunningServer {
        try await once("litellm") {
            let litellm = try TestServerPaths.venvProgram("litellm", "litellm")
            let port = closedPort()
            let folder = TestServerPaths.fixtures + "/litellm"
            return try await RunningServer.start(
                "LiteLLM", port: port, healthPath: "/health/liveliness",
                command: [litellm, "--config", folder + "/config.yaml", "--host", "127.0.0.1", "--port", "\(port)", "--num_workers", "1"],
                environment: ["PROBE_FIXTURE_MASTER_KEY": Self.masterKey, "PYTHONPATH": folder,
                              // No download of a price list; errors only in the log.
                              "LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR"])
        }
    }

    /// nginx as a reverse proxy in front of LiteLLM, with proxy_buffering on or off.
    func nginx(buffering: Bool) async throws -> RunningServer {
        let upstream = try await liteLLM()
        return try await once("nginx-\(buffering)") {
            let nginx = try TestServerPaths.systemProgram("nginx")
            let folder = try TestServerPaths.temporaryFolder("nginx")
            let port = closedPort()
            let temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "\($0)_temp_path \(folder)/\($0);" }.joined(separator: " ")
            let conf = """
                pid \(folder)/nginx.pid;
                error_log \(folder)/error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  \(temp)
                  server {
                    listen 127.0.0.1:\(port);
                    location / {
                      proxy_pass http://127.0.0.1:\(upstream.port);
                      proxy_http_version 1.1;
                      proxy_buffering \(buffering ? "on" : "off");
                    }
                  }
                }
                """
            try conf.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
            return try await RunningServer.start(
                "nginx", port: port, healthPath: "/health/liveliness",
                command: [nginx, "-p", folder, "-e", folder + "/error.log", "-c", folder + "/nginx.conf",
                          "-g", "daemon off; master_process off;"])
        }
    }

    /// mitmproxy as a reverse proxy in front of LiteLLM: it reads each whole response before
    /// passing it on (its default), as some company gateways do.
    func mitmproxy() async throws -> RunningServer {
        let upstream = try await liteLLM()
        return try await once("mitmproxy") {
            let mitmdump = try TestServerPaths.venvProgram("mitmproxy", "mitmdump")
            let folder = try TestServerPaths.temporaryFolder("mitmproxy")
            let port = closedPort()
            return try await RunningServer.start(
                "mitmproxy", port: port, healthPath: "/health/liveliness",
                command: [mitmdump, "--mode", "reverse:http://127.0.0.1:\(upstream.port)", "--listen-host", "127.0.0.1",
                          "-p", "\(port)", "-q", "--set", "confdir=\(folder)"])
        }
    }
}
