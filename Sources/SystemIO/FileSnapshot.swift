#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import JSONCore

/// Which file a path names and when its bytes last changed, as `stat` says.
public struct FileIdentity: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var modifiedSeconds: Int
    public var modifiedNanoseconds: Int

    /// The modification time as `futimens` takes it.
    public var modifiedTimespec: timespec { timespec(tv_sec: modifiedSeconds, tv_nsec: modifiedNanoseconds) }

    /// The modification time in nanoseconds since 1970.
    public var modifiedNanosecondsSinceEpoch: Int64 {
        Int64(modifiedSeconds) * 1_000_000_000 + Int64(modifiedNanoseconds)
    }
}

/// A file as it was read, to tell right before a rename whether someone else wrote it since:
/// its identity (inode, size, modification time) and a hash of its bytes. The identity alone
/// misses a rewrite of the same size within the file system's time granularity; the hash alone
/// costs a read; together they catch both, and the hash is read only when the identity agrees.
public struct FileSnapshot: Sendable, Equatable {
    /// nil: there was no file.
    public var identity: FileIdentity?
    public var contentHash: UInt64

    /// There was no file at all.
    public static let absent = FileSnapshot(identity: nil, contentHash: 0)

    public init(identity: FileIdentity?, contentHash: UInt64) {
        self.identity = identity
        self.contentHash = contentHash
    }

    /// The snapshot of bytes read with `status`.
    public init(bytes: [UInt8], status: FileStatus) {
        self.init(identity: status.identity, contentHash: FNV1a64.hash(bytes))
    }

    /// Whether `path` still holds what this snapshot saw: the same file, size and time, and the
    /// same bytes (read in chunks, never whole).
    public func stillHolds(_ path: String) throws(FileAccessError) -> Bool {
        guard let now = try FileStatus.of(path) else { return identity == nil }
        guard let identity, now.type == .regular, now.identity == identity else { return false }
        return try Self.hash(of: path) == contentHash
    }

    /// FNV-1a 64 of the file's bytes, read 64 KiB at a time.
    static func hash(of path: String) throws(FileAccessError) -> UInt64? {
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw FileAccessError(path: path, problem: .system(errno))
        }
        defer { close(fd) }
        var hash = FNV1a64.start
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw FileAccessError(path: path, problem: .system(errno)) }
            if n == 0 { return hash }
            hash = FNV1a64.hash(chunk[..<n], continuing: hash)
        }
    }
}
