#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import TestSupport
import Testing

/// A workstation and its team repository for the agent tests: a temporary HOME with every
/// XDG folder set explicitly, a bare repository with a work clone that commits and pushes to
/// it, and the servers a test starts on 127.0.0.1. Every process is stopped by its pid in
/// `stop()`, which tests call in a `defer`.
final class AgentWorld {
    let root: String
    /// The bare repository the servers export (`<root>/served/team.git`).
    let bare: String
    let work: String
    private var servers: [AgentServer] = []
    private var agents: [AgentRun] = []
    private var stopped = false
    /// Extra environment for every provider-sync run (a keyring's bus, for example).
    var extraEnvironment: [String: String] = [:]
    /// The provider-sync it runs: the build the suite runs, or `make release`'s (ReleaseBuildTests).
    var program = CLI.binary

    /// Every provider-sync run talks to this sandbox's keyring (its session bus).
    func useKeyring(_ keyring: KeyringSandbox) {
        extraEnvironment["DBUS_SESSION_BUS_ADDRESS"] = keyring.busAddress
    }

    init(branch: String = "main") throws {
        root = try TemporaryFolder(prefix: "ps-agent", base: "/tmp").path
        bare = root + "/served/team.git"
        work = root + "/work"
        for folder in ["home", "config", "state", "data", "cache", "run", "served"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        try git(["init", "-q", "--bare", "-b", branch, bare])
        try git(["init", "-q", "-b", branch, work])
        try git(["-C", work, "remote", "add", "origin", bare])
    }

    deinit { stop() }

    var home: String { root + "/home" }
    var configHome: String { root + "/config" }
    var stateFolder: String { root + "/state/provider-sync" }
    var agentConfig: String { configHome + "/provider-sync/agent.yaml" }
    var statusFile: String { stateFolder + "/agent-status.json" }
    /// The default target's file (target `app`, no app folder there: Accomplish's sidecar)
    /// with XDG_CONFIG_HOME set.
    var sidecarPath: String { configHome + "/Accomplish/opencode/opencode.jsonc" }
    /// The Accomplish app's own file, which the app writes.
    var accomplishPath: String { configHome + "/Accomplish/opencode/opencode.json" }
    /// The Openwork app's own file and the sidecar next to it.
    var openworkPath: String { configHome + "/Openwork/opencode/opencode.json" }
    var openworkSidecarPath: String { configHome + "/Openwork/opencode/opencode.jsonc" }
    var fileURL: String { "file://" + bare }

    /// Built from nothing, every XDG folder explicit: the user's own never leak in.
    var environment: [String: String] {
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": home, "LANG": "C.UTF-8",
                   "XDG_CONFIG_HOME": configHome, "XDG_STATE_HOME": root + "/state", "XDG_DATA_HOME": root + "/data",
                   "XDG_CACHE_HOME": root + "/cache", "XDG_RUNTIME_DIR": root + "/run"]
        for (key, value) in extraEnvironment { env[key] = value }
        return env
    }

    // MARK: provider-sync

    /// `provider-sync <arguments>` to its end.
    @discardableResult
    func cli(_ arguments: [String], timeout: Double = 60) throws -> AgentCLIResult {
        try AgentCLIResult.run([program] + arguments, environment: environment, folder: root, timeout: timeout)
    }

    /// `provider-sync <arguments>` with `stdin`.
    func cli(_ arguments: [String], stdin: String) throws -> AgentCLIResult {
        try AgentCLIResult.run([program] + arguments, environment: environment, folder: root, timeout: 60, stdin: stdin)
    }

    /// `agent init --url <url> ...` that must succeed.
    func initAgent(url: String? = nil, _ extra: [String] = []) throws {
        let r = try cli(["agent", "init", "--url", url ?? fileURL] + extra)
        guard r.status == 0 else { throw AgentTestError("agent init failed: \(r.stderr)") }
    }

    /// `agent run` in the background, its stderr in a file; stopped in `stop()`.
    func startAgent(_ extra: [String] = []) throws -> AgentRun {
        let run = try AgentRun(arguments: [program, "agent", "run", "--log-level", "debug"] + extra,
                               environment: environment, logPath: root + "/agent-\(agents.count).log")
        agents.append(run)
        return run
    }

    /// The saved agent status.
    func status() throws -> JSONValue {
        let r = try cli(["agent", "status", "--format", "json"])
        guard r.status == 0 else { throw AgentTestError("agent status failed: \(r.stderr)") }
        return try JSONParser.value(r.stdout)
    }

    /// Waits until the drift check is due again: `interval` seconds after the status's last one.
    func waitForDriftCheckDue(interval: Double) throws {
        let status = try JSONParser.value(fileText(statusFile) ?? "{}")
        let last = try #require(agentTime(status["lastDriftCheckAt"]?.stringValue), "no drift check in \(status)")
        try waitUntil("the drift interval to end", timeout: .seconds(10)) { Date().timeIntervalSince(last) >= interval }
    }

    // MARK: the team repository

    /// Writes `files` (path -> text; nil removes), commits, pushes; returns the commit id.
    @discardableResult
    func commit(_ files: [String: String?], message: String = "change", options: [String] = [], sign: Bool = false,
                environment extra: [String: String] = [:]) throws -> String {
        for (path, text) in files {
            let full = work + "/" + path
            if let text {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try text.write(toFile: full, atomically: true, encoding: .utf8)
            } else {
                try? FileManager.default.removeItem(atPath: full)
            }
        }
        try git(["-C", work, "add", "-A"])
        try git(["-C", work] + options + ["commit", "-q", "--allow-empty", "-m", message] + (sign ? ["-S"] : []), environment: extra)
        try git(["-C", work, "push", "-q", "-f", "origin", "HEAD"])
        return try git(["-C", work, "rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Drops the last commit and pushes another in its place (a force-push).
    @discardableResult
    func forcePush(_ files: [String: String?], message: String) throws -> String {
        try git(["-C", work, "reset", "-q", "--hard", "HEAD~1"])
        return try commit(files, message: message)
    }

    @discardableResult
    func git(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        var env = environment.merging(extra) { $1 }
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for key in ["AUTHOR", "COMMITTER"] {
            env["GIT_\(key)_NAME"] = "Team Admin"
            env["GIT_\(key)_EMAIL"] = "admin@example.com"
        }
        let r = try AgentCLIResult.run([AgentTools.find("git")!] + arguments, environment: env, folder: root, timeout: 60)
        guard r.status == 0 else { throw AgentTestError("git \(arguments.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
        return r.stdout
    }

    /// Any other program, which must succeed.
    @discardableResult
    func run(_ program: String, _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> String {
        let path = AgentTools.find(program) ?? program
        let r = try AgentCLIResult.run([path] + arguments, environment: environment.merging(extra) { $1 }, folder: root,
                                       timeout: 60, stdin: stdin)
        guard r.status == 0 else { throw AgentTestError("\(program) exited \(r.status): \(r.stdout)\(r.stderr)") }
        return r.stdout
    }

    // MARK: servers

    /// `git daemon` exporting the bare repository: `git://127.0.0.1:<port>/team.git`.
    func startGitDaemon(port: Int? = nil) throws -> AgentServer {
        let port = port ?? closedPort()
        let server = try AgentServer(
            [AgentTools.find("git")!, "daemon", "--export-all", "--reuseaddr", "--informative-errors",
             "--base-path=\(root)/served", "--listen=127.0.0.1", "--port=\(port)", "\(root)/served"],
            port: port, logPath: root + "/git-daemon-\(port).log", environment: environment)
        servers.append(server)
        return server
    }

    /// Smart HTTP (`git http-backend` behind a small Python server) that wants Basic auth with
    /// `username`/`token`: `http://127.0.0.1:<port>/team.git`.
    func startHTTPServer(username: String, token: String) throws -> AgentServer {
        let script = root + "/git-http.py"
        try GitHTTPServerScript.text.write(toFile: script, atomically: true, encoding: .utf8)
        let port = closedPort()
        let server = try AgentServer([AgentTools.find("python3")!, script, root + "/served", String(port), username, token,
                                      root + "/git-http-requests.log"],
                                     port: port, logPath: root + "/git-http.log", environment: environment)
        servers.append(server)
        return server
    }

    /// Stops every agent and server (by pid) and removes the folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        for agent in agents { agent.kill() }
        for server in servers { server.stop() }
        try? FileManager.default.removeItem(atPath: root)
    }
}

struct AgentTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum AgentTools {
    static func find(_ name: String) -> String? {
        for folder in ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"] {
            let path = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static var hasGit: Bool { find("git") != nil }
    static var hasSSHKeygen: Bool { find("ssh-keygen") != nil }
    static var hasPython: Bool { find("python3") != nil }
}
