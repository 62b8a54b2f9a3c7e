#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemIO

/// Starts a process with posix_spawn: an empty signal mask and default handlers (a test
/// thread's blocked signals would otherwise reach the child, and SIGTERM would never arrive),
/// its own process group, stdin from /dev/null, stdout and stderr to files. Reaped only by us.
public enum ProcessSpawn {
    /// `truncate`: start stdout and stderr empty rather than appending to them.
    public static func start(_ command: [String], environment: [String: String], stdout: String, stderr: String,
                      stdinFile: String = "/dev/null", truncate: Bool = false) throws -> pid_t {
        precondition(!command.isEmpty, "an empty command line")
        let mode = O_WRONLY | O_CREAT | (truncate ? O_TRUNC : O_APPEND)
        #if canImport(Darwin)
        var attributes: posix_spawnattr_t? = nil
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinFile, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, mode, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, mode, 0o644)
        // Nothing else: a server that lives as long as the test process must not hold another
        // test's pipe open (that test would wait for its end of file for ever).
        SpawnDescriptors.closeInherited(&actions)
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnError(description: "cannot start \(command[0]): \(String(cString: strerror(code)))") }
        return pid
    }
}

public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}
