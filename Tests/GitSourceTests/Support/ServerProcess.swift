import Foundation
import TestSupport

/// A server the test started, stopped by its pid even when the test fails: tests hold it in
/// a `defer { server.stop() }`. Spawned with posix_spawn rather than Foundation's Process:
/// Process hands the child the test thread's blocked-signal mask, so SIGTERM never arrives,
/// and its exit monitoring can miss a child. Each server leads its own process group, so
/// stop() also ends the connections it forked (sshd sessions, git-daemon children).
final class ServerProcess {
    let name: String
    let port: Int
    let pid: pid_t
    let logPath: String
    private var stopped = false

    /// Ready when the port accepts a connection, or, with `readyFile`, when that file appears.
    init(name: String, port: Int, arguments: [String], logPath: String, readyFile: String? = nil,
         environment: [String: String] = Shell.environment) throws {
        self.name = name
        self.port = port
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let executable = Shell.which(arguments[0]) ?? arguments[0]

        pid = try ProcessSpawn.start([executable] + arguments.dropFirst(), environment: environment,
                                     stdout: logPath, stderr: logPath)
        try waitUntilReady(readyFile)
    }

    private func waitUntilReady(_ readyFile: String?) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if exited() { break }
            if let readyFile, FileManager.default.fileExists(atPath: readyFile) { return }
            if readyFile == nil && portAccepts(port) { return }
            usleep(20_000)
        }
        let log = self.log
        stop()
        throw Shell.Failure(command: "\(name) on port \(port)", status: -1, output: "did not start listening: \(log)")
    }

    private func exited() -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid
    }

    /// SIGTERM to the server's process group, SIGKILL after 3 s, and reap the server.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline {
            if exited() {
                kill(-pid, SIGKILL)  // children the server left behind
                return
            }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

