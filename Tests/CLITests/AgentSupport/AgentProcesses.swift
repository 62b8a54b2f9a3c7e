#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TestSupport

/// Waiting for processes started with `ProcessSpawn`.
enum AgentSpawn {
    /// The exit status (or 128 + signal) once the process ended, nil if it still runs after `timeout`.
    static func wait(_ pid: pid_t, timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            if r < 0 && errno != EINTR { return -1 }
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }
}

/// What a finished provider-sync (or git) run said.
struct AgentCLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    static func run(_ command: [String], environment: [String: String], folder: String, timeout: Double,
                    stdin: String? = nil) throws -> AgentCLIResult {
        let id = UUID().uuidString.prefix(8)
        let out = "\(folder)/.out-\(id)", err = "\(folder)/.err-\(id)", input = "\(folder)/.in-\(id)"
        defer { for f in [out, err, input] { unlink(f) } }
        try (stdin ?? "").write(toFile: input, atomically: false, encoding: .utf8)
        let started = Date()
        let pid = try ProcessSpawn.start(command, environment: environment, stdout: out, stderr: err, stdinFile: input)
        guard let status = AgentSpawn.wait(pid, timeout: timeout) else {
            kill(-pid, SIGKILL)
            _ = AgentSpawn.wait(pid, timeout: 10)
            throw AgentTestError("\(command.joined(separator: " ")) did not end within \(timeout) s")
        }
        return AgentCLIResult(status: status, stdout: fileText(out) ?? "", stderr: fileText(err) ?? "",
                              seconds: Date().timeIntervalSince(started))
    }
}

/// `agent run` in the background.
final class AgentRun {
    let pid: pid_t
    let logPath: String
    private var exitStatus: Int32?

    init(arguments: [String], environment: [String: String], logPath: String) throws {
        self.logPath = logPath
        pid = try ProcessSpawn.start(arguments, environment: environment, stdout: logPath + ".out", stderr: logPath)
    }

    var log: String { fileText(logPath) ?? "" }

    /// The log's lines that name `event` (the third field).
    func events(_ event: String) -> [AgentLogLine] {
        log.split(separator: "\n").compactMap(AgentLogLine.init).filter { $0.event == event }
    }

    /// Waits until `condition` holds on the log, up to `timeout` seconds.
    @discardableResult
    func waitForLog(_ timeout: Double = 20, _ condition: ([AgentLogLine]) -> Bool) throws -> [AgentLogLine] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let lines = log.split(separator: "\n").compactMap(AgentLogLine.init)
            if condition(lines) { return lines }
            if let status = exited() { throw AgentTestError("the agent exited (\(status)) before: \(log)") }
            guard Date() < deadline else { throw AgentTestError("timed out waiting on the agent's log: \(log)") }
            usleep(20_000)
        }
    }

    func signal(_ signal: Int32) { Glibc.kill(pid, signal) }

    /// The exit status when it has ended, else nil.
    func exited() -> Int32? {
        if let exitStatus { return exitStatus }
        exitStatus = AgentSpawn.wait(pid, timeout: 0)
        return exitStatus
    }

    func waitForExit(timeout: Double) -> Int32? {
        if let exitStatus { return exitStatus }
        exitStatus = AgentSpawn.wait(pid, timeout: timeout)
        return exitStatus
    }

    /// SIGKILL to its group, and reap it.
    func kill() {
        guard exited() == nil else { return }
        Glibc.kill(-pid, SIGKILL)
        _ = waitForExit(timeout: 10)
    }
}

/// `<ISO time> <level> <event> key=value...`
struct AgentLogLine {
    var time: Date
    var level: String
    var event: String
    var text: String

    init?(_ line: Substring) {
        let parts = line.split(separator: " ", maxSplits: 3)
        guard parts.count >= 3, let time = try? Date(String(parts[0]), strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        else { return nil }
        self.time = time
        level = String(parts[1])
        event = String(parts[2])
        text = String(line)
    }
}

/// A server the test started, in its own process group, stopped by pid.
final class AgentServer {
    let pid: pid_t
    let port: Int
    let logPath: String
    private var stopped = false

    init(_ command: [String], port: Int, logPath: String, environment: [String: String]) throws {
        self.port = port
        self.logPath = logPath
        pid = try ProcessSpawn.start(command, environment: environment, stdout: logPath, stderr: logPath)
        let deadline = Date().addingTimeInterval(10)
        while !portAccepts(port) {
            if AgentSpawn.wait(pid, timeout: 0) != nil || Date() > deadline {
                stop()
                throw AgentTestError("\(command[0]) did not listen on \(port): \(fileText(logPath) ?? "")")
            }
            usleep(20_000)
        }
    }

    /// SIGTERM to the group, SIGKILL after 3 s; reaped.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(-pid, SIGTERM)
        if AgentSpawn.wait(pid, timeout: 3) == nil {
            kill(-pid, SIGKILL)
            _ = AgentSpawn.wait(pid, timeout: 5)
        }
        kill(-pid, SIGKILL)  // children it left behind
    }
}

/// Smart HTTP with Basic auth: `git http-backend` behind Python's http.server.
enum AgentHTTPScript {
    static let text = #"""
    import base64, subprocess, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    root, port, user, token = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    expected = "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode()
    REASONS = {200: "OK", 401: "Unauthorized", 404: "Not Found", 403: "Forbidden", 500: "Internal Server Error"}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send(self, status, headers, body):
            # One write with the whole answer: libgit2's parser reads it as git's own servers send it.
            head = f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}\r\n"
            for name, value in headers + [("Content-Length", str(len(body)))]:
                head += f"{name}: {value}\r\n"
            self.wfile.write(head.encode() + b"\r\n" + body)
            self.wfile.flush()

        def read_body(self):
            # libgit2 sends its POST bodies chunked.
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def handle_git(self):
            body = self.read_body()
            if self.headers.get("Authorization") != expected:
                self.send(401, [("WWW-Authenticate", 'Basic realm="team"'), ("Content-Type", "text/plain")], b"authentication required\n")
                return
            path, _, query = self.path.partition("?")
            env = {"PATH": "/usr/bin:/bin", "GIT_PROJECT_ROOT": root, "GIT_HTTP_EXPORT_ALL": "1", "PATH_INFO": path,
                   "QUERY_STRING": query, "REQUEST_METHOD": self.command, "REMOTE_USER": user,
                   "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
                   "GIT_PROTOCOL": self.headers.get("Git-Protocol", "")}
            if self.headers.get("Content-Encoding"):
                env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
            out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
            # http-backend ends its CGI headers with a blank line, CRLF or LF.
            split = out.find(b"\r\n\r\n")
            head, payload = (out[:split], out[split + 4:]) if split >= 0 else out.split(b"\n\n", 1)
            status, headers = 200, []
            for line in head.decode("latin-1").splitlines():
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.strip().split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send(status, headers, payload)

        do_GET = handle_git
        do_POST = handle_git

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """#
}
