#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TestSupport

/// A child process started with posix_spawn and reaped only by us, its output going to files
/// so a test can read what the child said.
///
/// Not Foundation's Process: it reaps children on its own thread, after which the pid may be
/// reused and a late SIGKILL could hit an unrelated process. Until we call `wait`, the pid
/// stays ours. The child leads its own process group so `kill` also reaches its children.
/// The working folder is inherited: pass absolute paths.
struct ChildProcess: Sendable {
    enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signaled(let signal): "signal \(signal)"
            }
        }
    }

    let pid: pid_t

    /// Starts `command` (an absolute executable path and its arguments) with exactly
    /// `environment`; stdout and stderr go to the given files (created, truncated) or /dev/null.
    init(_ command: [String], environment: [String: String], stdout: String = "/dev/null",
         stderr: String = "/dev/null") throws {
        pid = try ProcessSpawn.start(command, environment: environment, stdout: stdout, stderr: stderr, truncate: true)
    }

    /// Sends `signal` to the child and everything it started.
    func kill(_ signal: Int32 = SIGKILL) {
        _ = signalGroup(pid, signal)
    }

    /// Waits for the child to end and reaps it.
    @discardableResult
    func wait() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

private func signalGroup(_ leader: pid_t, _ signal: Int32) -> Int32 { kill(-leader, signal) }
