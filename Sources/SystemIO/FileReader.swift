#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file's bytes, and the status they were read with.
public struct FileContents: Sendable {
    public var bytes: [UInt8]
    public var status: FileStatus
}

/// The one way this tool reads a file: through symlinks, regular files only, with a cap.
///
/// A device, FIFO, socket or folder is refused before it is opened (opening a FIFO for reading
/// waits for a writer for ever; reading a device may never end), and the open itself uses
/// O_NONBLOCK so that a file swapped for a FIFO in between cannot block either; the descriptor
/// is checked again with fstat. The cap is enforced while reading, so a file that grows
/// meanwhile stops at the cap instead of filling memory.
public enum FileReader {
    /// The cap for specs, targets and every file of this tool's own: 32 MiB.
    public static let defaultLimit = 32 << 20

    /// The bytes of the regular file at `path`, or nil when nothing is there (a dangling
    /// symlink counts as nothing: writing creates the file it names).
    public static func read(_ path: String, limit: Int = defaultLimit) throws(FileAccessError) -> [UInt8]? {
        try contents(path, limit: limit)?.bytes
    }

    /// As `read`, and a missing file is an error too. `listedAsRegular`: the folder listing
    /// already said it is a regular file (d_type), so the stat before the open is skipped; the
    /// open is non-blocking and fstat checks again, so a FIFO swapped in meanwhile is still
    /// refused without blocking.
    public static func readExisting(_ path: String, limit: Int = defaultLimit, listedAsRegular: Bool = false) throws(FileAccessError) -> [UInt8] {
        guard let bytes = try contents(path, limit: limit, listedAsRegular: listedAsRegular)?.bytes else {
            throw FileAccessError(path: path, problem: .system(ENOENT))
        }
        return bytes
    }

    /// As `read`, with the file's status (its permissions, for example).
    public static func contents(_ path: String, limit: Int = defaultLimit, listedAsRegular: Bool = false) throws(FileAccessError) -> FileContents? {
        // Not opened before it is known to be a regular file: opening a device can have effects
        // of its own (a watchdog starts counting).
        if !listedAsRegular {
            guard let before = try FileStatus.of(path) else { return nil }
            try requireReadable(path, before, limit: limit)
        }
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 {
            if errno == ENOENT { return nil }  // removed since the stat
            // ENXIO: a socket, or a FIFO swapped in since the stat.
            let now = try? FileStatus.of(path)
            if let now, now.type != .regular { try requireReadable(path, now, limit: limit) }
            throw FileAccessError(path: path, problem: .system(errno))
        }
        defer { close(fd) }
        let status = try FileStatus.of(descriptor: fd, path: path)
        try requireReadable(path, status, limit: limit)
        // O_NONBLOCK stays set: the fstat above proved a regular file, for which it changes nothing.
        return FileContents(bytes: try readAll(fd, path: path, expected: status.size, limit: limit), status: status)
    }

    /// Reads a stream (standard input) to its end, refusing more than `limit` bytes as soon as
    /// they arrive. `name` is what errors call it.
    public static func readStream(_ fd: Int32, name: String, limit: Int = defaultLimit) throws(FileAccessError) -> [UInt8] {
        try readAll(fd, path: name, expected: 0, limit: limit)
    }

    /// Throws unless `path` is a regular file within `limit` (or nothing at all): for files that
    /// another program reads on this tool's behalf (ssh-keygen's allowed_signers, a CA bundle).
    public static func requireRegularFile(_ path: String, limit: Int = defaultLimit) throws(FileAccessError) {
        guard let status = try FileStatus.of(path) else { return }
        try requireReadable(path, status, limit: limit)
    }

    /// Refuses what is not a regular file, naming where a symlink led.
    static func requireReadable(_ path: String, _ status: FileStatus, limit: Int) throws(FileAccessError) {
        if status.type != .regular {
            throw FileAccessError(path: path, resolved: SymlinkTarget.final(path),
                                  problem: status.isNullDevice ? .switchedOff : .notRegular(status.type))
        }
        if status.size > limit {
            throw FileAccessError(path: path, resolved: SymlinkTarget.final(path), problem: .tooLarge(size: status.size, limit: limit))
        }
    }

    /// Reads `expected` bytes (the size fstat gave) straight into one allocation, the file as
    /// it was then; without a size (a stream, a file whose size reads 0) on in chunks to the
    /// end, never past `limit`.
    private static func readAll(_ fd: Int32, path: String, expected: Int, limit: Int) throws(FileAccessError) -> [UInt8] {
        // One byte more than expected tells "the file ended" from "it grew" without a second pass.
        let first = min(expected, limit) + 1
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: first) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { return }
                count += n
                // The size fstat gave: done, without one more read to see the end.
                if count == expected && expected > 0 { return }
            }
        }
        if failure != 0 { throw FileAccessError(path: path, problem: .system(failure)) }
        guard bytes.count == first else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if bytes.count > limit { throw FileAccessError(path: path, problem: .tooLarge(size: nil, limit: limit)) }
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw FileAccessError(path: path, problem: .system(errno)) }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<n])
        }
    }
}
