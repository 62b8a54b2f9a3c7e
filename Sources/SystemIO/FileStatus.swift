#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a path: enough to decide whether it may be read or replaced.
public struct FileStatus: Sendable, Equatable {
    public var type: FileType
    public var size: Int
    /// The permission bits (`st_mode & 0o7777`).
    public var permissions: mode_t
    /// The null device (`/dev/null`, or a node with its device number): a config linked there
    /// was switched off on purpose.
    public var isNullDevice: Bool

    init(_ info: stat) {
        type = FileType(mode: info.st_mode)
        size = Int(info.st_size)
        permissions = info.st_mode & 0o7777
        isNullDevice = type == .characterDevice && Self.nullDevice.map { $0 == info.st_rdev } == true
    }

    /// The status of `path`; nil when nothing is there. `followingSymlinks: false` describes a
    /// final symlink itself (lstat).
    public static func of(_ path: String, followingSymlinks: Bool = true) throws(FileAccessError) -> FileStatus? {
        var info = stat()
        while (followingSymlinks ? stat(path, &info) : lstat(path, &info)) != 0 {
            if errno == EINTR { continue }
            if errno == ENOENT { return nil }
            throw FileAccessError(path: path, problem: .system(errno))
        }
        return FileStatus(info)
    }

    /// The status of an open descriptor.
    static func of(descriptor fd: Int32, path: String) throws(FileAccessError) -> FileStatus {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileAccessError(path: path, problem: .system(errno)) }
        return FileStatus(info)
    }

    /// The device number of this system's /dev/null (only looked at, never opened).
    private static let nullDevice: dev_t? = {
        var info = stat()
        guard stat("/dev/null", &info) == 0, FileType(mode: info.st_mode) == .characterDevice else { return nil }
        return info.st_rdev
    }()
}
