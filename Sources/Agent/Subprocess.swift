#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// A helper program (ssh-keygen, gpg, git) could not be run or did not finish.
public enum SubprocessError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(program: String, package: String)
    case cannotStart(program: String, reason: String)
    case timedOut(program: String, after: Duration)

    public var description: String {
        switch self {
        case .notFound(let program, let package):
            "\(program) is not installed (it comes with \(package)); install it or remove source.verify from agent.yaml"
        case .cannotStart(let program, let reason):
            "cannot run \(program): \(reason)"
        case .timedOut(let program, let after):
            "\(program) did not finish within \(DurationText.format(after)); it was stopped"
        }
    }
}

/// Runs a program to its end with a deadline, feeding it bytes and collecting what it says (the
/// agent's ssh-keygen and gpg, the hook's git).
/// posix_spawn rather than Foundation's Process: the child gets default signal handling and an
/// empty signal mask whatever the agent set up for itself, and nothing but us reaps it.
public enum Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The first executable `name` in PATH or the usual folders.
    public static func find(_ name: String, environment: [String: String]) -> String? {
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in path + ["/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin"] where !folder.isEmpty {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    public static func run(_ executable: String, _ arguments: [String], stdin: [UInt8] = [], environment: [String: String],
                    timeout: Duration) throws(SubprocessError) -> Result {
        let name = String(executable.split(separator: "/").last ?? Substring(executable))
        // A program that exits before reading all its input must not take the agent with it.
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else {
            let reason = String(cString: strerror(errno))
            for fd in input + output + errors where fd >= 0 { close(fd) }
            throw .cannotStart(program: name, reason: reason)
        }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for fd in input + output + errors { posix_spawn_file_actions_addclose(&actions, fd) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(input[0])
        close(output[1])
        close(errors[1])
        guard code == 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw .cannotStart(program: name, reason: String(cString: strerror(code)))
        }
        let collected = exchange(stdin: stdin, input: input[1], output: output[0], errors: errors[0], timeout: timeout)
        if !collected.finished { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard collected.finished else { throw .timedOut(program: name, after: timeout) }
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitCode, stdout: String(decoding: collected.stdout, as: UTF8.self),
                      stderr: String(decoding: collected.stderr, as: UTF8.self))
    }

    /// What is kept of each of stdout and stderr.
    static let outputLimit = 1 << 20

    /// Writes stdin and reads stdout and stderr at the same time until both close or the
    /// deadline passes; closes the three descriptors.
    private static func exchange(stdin: [UInt8], input: Int32, output: Int32, errors: Int32,
                                 timeout: Duration) -> (finished: Bool, stdout: [UInt8], stderr: [UInt8]) {
        let deadline = ContinuousClock.now + timeout
        var written = 0
        var inputFD = input
        if stdin.isEmpty { close(inputFD); inputFD = -1 } else { _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK) }
        var open = [output: [UInt8](), errors: [UInt8]()]
        var live: Set<Int32> = [output, errors]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        defer {
            if inputFD >= 0 { close(inputFD) }
            for fd in live { close(fd) }
        }
        while !live.isEmpty {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return (false, open[output]!, open[errors]!) }
            var fds = live.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if inputFD >= 0 { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(max(1, DurationText.milliseconds(left))))
            if ready < 0 && errno != EINTR { return (false, open[output]!, open[errors]!) }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inputFD {
                    let n = stdin.withUnsafeBytes { write(inputFD, $0.baseAddress! + written, $0.count - written) }
                    if n > 0 { written += n }
                    if n < 0 && errno != EAGAIN && errno != EINTR || written == stdin.count {
                        close(inputFD)
                        inputFD = -1
                    }
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    // Read on to the end, but keep only the first MiB: ssh-keygen and gpg say a
                    // few lines; a program that says more has nothing the checks need.
                    let room = max(0, Self.outputLimit - open[entry.fd]!.count)
                    open[entry.fd]!.append(contentsOf: buffer[0..<min(n, room)])
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    live.remove(entry.fd)
                }
            }
        }
        return (true, open[output]!, open[errors]!)
    }
}
