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
        var lines: [AgentLogLine] = []
        try waitUntil("the agent's log to show it (log: \(log))", timeout: .milliseconds(Int64(timeout * 1000))) {
            lines = log.split(separator: "\n").compactMap(AgentLogLine.init)
            if condition(lines) { return true }
            if let status = exited() { throw AgentTestError("the agent exited (\(status)) before: \(log)") }
            return false
        }
        return lines
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

/// A time as the agent writes it in its log and status (ISO 8601 with milliseconds).
func agentTime(_ text: String?) -> Date? {
    text.flatMap { try? Date($0, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
}

/// `<ISO time> <level> <event> key=value...`
struct AgentLogLine {
    var time: Date
    var level: String
    var event: String
    var text: String

    init?(_ line: Substring) {
        let parts = line.split(separator: " ", maxSplits: 3)
        guard parts.count >= 3, let time = agentTime(String(parts[0])) else { return nil }
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
        do {
            try waitUntil("\(command[0]) listening on \(port)", timeout: .seconds(10)) {
                if portAccepts(port) { return true }
                if AgentSpawn.wait(pid, timeout: 0) != nil { throw AgentTestError("\(command[0]) exited") }
                return false
            }
        } catch {
            stop()
            throw AgentTestError("\(command[0]) did not listen on \(port) (\(error)): \(fileText(logPath) ?? "")")
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
