#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemIO

/// Starts a process through SystemIO's one posix_spawn: an empty signal mask and default
/// handlers (a test thread's blocked signals would otherwise reach the child, and SIGTERM would
/// never arrive), its own process group, no descriptor of ours (a server that lives as long as
/// the test process must not hold another test's pipe open), stdin from a file, stdout and
/// stderr to files. Reaped only by us.
public enum ProcessSpawn {
    /// `truncate`: start stdout and stderr empty rather than appending to them.
    public static func start(_ command: [String], environment: [String: String], stdout: String, stderr: String,
                      stdinFile: String = "/dev/null", truncate: Bool = false) throws -> pid_t {
        precondition(!command.isEmpty, "an empty command line")
        let mode = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND)
        let input = open(stdinFile, O_RDONLY | O_CLOEXEC)
        let output = open(stdout, mode, 0o644)
        let errors = open(stderr, mode, 0o644)
        defer { for fd in [input, output, errors] where fd >= 0 { close(fd) } }
        guard input >= 0, output >= 0, errors >= 0 else {
            throw SpawnError(description: "cannot start \(command[0]): cannot open its files: \(String(cString: strerror(errno)))")
        }
        switch Subprocess.spawn(command[0], Array(command.dropFirst()), environment: environment, stdin: input,
                                stdout: output, stderr: errors, processGroup: true) {
        case .success(let pid): return pid
        case .failure(let error): throw SpawnError(description: "cannot start \(command[0]): \(error.description)")
        }
    }
}

public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}
