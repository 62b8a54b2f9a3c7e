#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started and left to run: what the agent hands work to that must not hold up a
/// cycle (a webhook delivery, with its retries). Its standard input is written at start and
/// must fit a pipe's buffer, so the start never waits; its standard output and error go to one
/// pipe, read when it has ended. Nothing waits for it: `reap()` asks, and collects it once it
/// has ended.
public final class BackgroundProcess: @unchecked Sendable {
    /// The most bytes of standard input: what a pipe holds without a reader (Linux: 64 KiB).
    public static let inputLimit = 60 * 1024
    /// The most bytes of output kept.
    public static let outputLimit = 64 * 1024

    public struct Ended: Sendable {
        /// The exit code, or 128 + the signal that ended it.
        public var status: Int32
        /// Its standard output and error together.
        public var output: String
    }

    public let pid: Int32
    public let program: String
    private var outputFD: Int32
    private var collected: [UInt8] = []
    private var ended: Ended?

    private init(pid: Int32, program: String, outputFD: Int32) {
        self.pid = pid
        self.program = program
        self.outputFD = outputFD
    }

    deinit {
        if outputFD >= 0 { close(outputFD) }
    }

    /// Starts `executable` with exactly `environment` and `stdin` on its standard input.
    public static func start(_ executable: String, _ arguments: [String], stdin: [UInt8],
                             environment: [String: String]) throws(SubprocessError) -> BackgroundProcess {
        let name = String(executable.split(separator: "/").last ?? Substring(executable))
        guard stdin.count <= inputLimit else {
            throw .cannotStart(program: name, reason: "its input is \(stdin.count) bytes, more than \(inputLimit)")
        }
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0 else {
            let reason = String(cString: strerror(errno))
            for fd in input + output where fd >= 0 { close(fd) }
            throw .cannotStart(program: name, reason: reason)
        }
        // Neither end of ours may leak into other children the agent starts later.
        for fd in [input[1], output[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let spawned = Subprocess.spawn(executable, arguments, environment: environment, stdin: input[0], stdout: output[1],
                                       stderr: output[1], closing: input + output)
        close(input[0])
        close(output[1])
        guard case .success(let pid) = spawned else {
            close(input[1])
            close(output[0])
            if case .failure(let code) = spawned { throw .cannotStart(program: name, reason: String(cString: strerror(code.value))) }
            throw .cannotStart(program: name, reason: "posix_spawn failed")
        }
        // Fits the pipe's buffer (checked above): written at once, whatever the child does.
        _ = fcntl(input[1], F_SETFL, fcntl(input[1], F_GETFL) | O_NONBLOCK)
        var written = 0
        while written < stdin.count {
            let n = stdin.withUnsafeBytes { write(input[1], $0.baseAddress! + written, $0.count - written) }
            if n > 0 { written += n } else if errno != EINTR { break }
        }
        close(input[1])
        _ = fcntl(output[0], F_SETFL, fcntl(output[0], F_GETFL) | O_NONBLOCK)
        return BackgroundProcess(pid: pid, program: name, outputFD: output[0])
    }

    /// Its end, once it has ended (and it is then reaped); nil while it runs.
    public func reap() -> Ended? {
        if let ended { return ended }
        drain()
        var status: Int32 = 0
        var result = waitpid(pid, &status, WNOHANG)
        while result < 0 && errno == EINTR { result = waitpid(pid, &status, WNOHANG) }
        guard result == pid else { return nil }
        drain()
        if outputFD >= 0 {
            close(outputFD)
            outputFD = -1
        }
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let end = Ended(status: code, output: String(decoding: collected, as: UTF8.self))
        ended = end
        return end
    }

    /// Reads what is there, so a child that prints more than a pipe holds is not stuck.
    private func drain() {
        guard outputFD >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
            if n > 0 {
                collected.append(contentsOf: buffer[0..<min(n, max(0, Self.outputLimit - collected.count))])
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
