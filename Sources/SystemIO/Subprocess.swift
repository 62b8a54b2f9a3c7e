#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program this tool runs (ssh-keygen, gpg, systemctl, provider-sync-probe) could not be
/// run or did not finish.
public enum SubprocessError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(program: String, package: String)
    case cannotStart(program: String, reason: String)
    case timedOut(program: String, after: Duration)

    public var description: String {
        switch self {
        case .notFound(let program, let package):
            "\(program) is not installed (it comes with \(package))"
        case .cannotStart(let program, let reason):
            "cannot run \(program): \(reason)"
        case .timedOut(let program, let after):
            "\(program) did not finish within \(Subprocess.text(after)); it was stopped"
        }
    }
}

/// Runs a program to its end, feeding it bytes on its standard input. posix_spawn rather than
/// Foundation's Process: the child gets default signal handling and an empty signal mask
/// whatever this process set up for itself, and nothing but us reaps it.
public enum Subprocess {
    public struct Result: Sendable {
        /// The exit code, or 128 + the signal that ended it.
        public var status: Int32
        /// What it printed on standard output, when its output was captured (at most
        /// `outputLimit` bytes), as it printed it.
        public var output: [UInt8]
        /// What it printed on standard error, when captured (the first MiB).
        public var stderr: String

        /// `output` as text.
        public var stdout: String { String(decoding: output, as: UTF8.self) }
    }

    /// Where the child's standard output and error go.
    public enum Output: Sendable {
        /// Read by us, the first `outputLimit` bytes of each kept.
        case captured
        /// This process's own: the child prints to the same terminal or pipe.
        case inherited
    }

    /// What is kept of stderr, and of stdout unless the caller asks for more.
    public static let outputLimit = 1 << 20

    /// The first executable `name` in `searchPath` (PATH's value) or the usual folders.
    public static func find(_ name: String, searchPath: String?) -> String? {
        let folders = (searchPath ?? "").split(separator: ":").map(String.init)
        for folder in folders + ["/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin"] where !folder.isEmpty {
            let candidate = folder + "/" + name
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    public static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    /// Runs `executable` with exactly `environment`; without `timeout` it may take as long as
    /// it likes (the probe bounds itself), with one it is killed when the time is up.
    /// `outputLimit`: the most bytes of captured stdout kept (git's blobs need more than a MiB).
    public static func run(_ executable: String, _ arguments: [String], stdin: [UInt8] = [], environment: [String: String],
                           timeout: Duration?, output: Output = .captured,
                           outputLimit: Int = Subprocess.outputLimit) throws(SubprocessError) -> Result {
        let name = String(executable.split(separator: "/").last ?? Substring(executable))
        // A program that exits before reading all its input must not take us with it.
        signal(SIGPIPE, SIG_IGN)
        let captured = output == .captured
        var input: [Int32] = [-1, -1], out: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&input) == 0, !captured || (pipe(&out) == 0 && pipe(&errors) == 0) else {
            let reason = String(cString: strerror(errno))
            for fd in input + out + errors where fd >= 0 { close(fd) }
            throw .cannotStart(program: name, reason: reason)
        }
        let pipes = captured ? input + out + errors : input
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
        if captured {
            posix_spawn_file_actions_adddup2(&actions, out[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        }
        for fd in pipes { posix_spawn_file_actions_addclose(&actions, fd) }
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
        if captured {
            close(out[1])
            close(errors[1])
        }
        guard code == 0 else {
            close(input[1])
            if captured {
                close(out[0])
                close(errors[0])
            }
            throw .cannotStart(program: name, reason: String(cString: strerror(code)))
        }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        let exchanged = exchange(stdin: stdin, input: input[1], outputs: captured ? [out[0], errors[0]] : [],
                                 limits: [outputLimit, Self.outputLimit], deadline: deadline)
        if !exchanged.finished { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard exchanged.finished else { throw .timedOut(program: name, after: timeout ?? .zero) }
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitCode, output: exchanged.collected.first ?? [],
                      stderr: String(decoding: exchanged.collected.dropFirst().first ?? [], as: UTF8.self))
    }

    /// Writes stdin and reads `outputs` at the same time until they close and stdin is written
    /// (or refused), or the deadline passes; keeps at most `limits[i]` bytes of `outputs[i]`;
    /// closes every descriptor it was given.
    private static func exchange(stdin: [UInt8], input: Int32, outputs: [Int32], limits: [Int],
                                 deadline: ContinuousClock.Instant?) -> (finished: Bool, collected: [[UInt8]]) {
        var written = 0
        var inputFD = input
        if stdin.isEmpty { close(inputFD); inputFD = -1 } else { _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK) }
        var collected = outputs.map { _ in [UInt8]() }
        var live = Set(outputs)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        defer {
            if inputFD >= 0 { close(inputFD) }
            for fd in live { close(fd) }
        }
        while !live.isEmpty || inputFD >= 0 {
            var wait: Int32 = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return (false, collected) }
                wait = Int32(clamping: max(1, milliseconds(left)))
            }
            var fds = live.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if inputFD >= 0 { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 && errno != EINTR { return (false, collected) }
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
                let index = outputs.firstIndex(of: entry.fd)!
                let n = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    // Read on to the end, but keep only the first MiB (unless asked for more): the
                    // programs run here say a few lines or one report; more holds nothing a
                    // caller needs.
                    let room = max(0, limits[index] - collected[index].count)
                    collected[index].append(contentsOf: buffer[0..<min(n, room)])
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    live.remove(entry.fd)
                }
            }
        }
        return (true, collected)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// "20s", "1500ms": a bound as a person reads it.
    static func text(_ duration: Duration) -> String {
        let ms = milliseconds(duration)
        return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
    }
}
