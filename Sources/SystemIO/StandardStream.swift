#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process's standard input, output and error.
public enum StandardStream: Sendable {
    case input, output, error

    public var descriptor: Int32 {
        switch self {
        case .input: STDIN_FILENO
        case .output: STDOUT_FILENO
        case .error: STDERR_FILENO
        }
    }

    /// A terminal, not a pipe or a file.
    public var isTerminal: Bool { isatty(descriptor) == 1 }

    /// Writes every byte of `text`; a closed pipe ends the write quietly (nothing more can be
    /// said there).
    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            if n == 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }

    /// All of it, at most `limit` bytes (more is an error as soon as it arrives); for standard
    /// input (`validate -`, `secret set`, the probe's targets).
    public func readAll(limit: Int = FileReader.defaultLimit) throws(FileAccessError) -> [UInt8] {
        try FileReader.readStream(descriptor, name: "standard \(self == .input ? "input" : self == .output ? "output" : "error")", limit: limit)
    }

    /// The device and inode of the stream (systemd names the journal's stream by them).
    public var identity: (device: UInt64, inode: UInt64)? {
        var facts = stat()
        guard fstat(descriptor, &facts) == 0 else { return nil }
        return (UInt64(facts.st_dev), UInt64(facts.st_ino))
    }
}
