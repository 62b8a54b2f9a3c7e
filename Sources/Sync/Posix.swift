#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemIO

/// Thin wrappers over the system calls this target needs, retrying EINTR and turning failures
/// into `FileSystemError`. Nothing here decides policy; the callers do.
enum Posix {
    enum FileKind { case regular, folder, symlink, other }

    /// The kind of the file at `path` without following a final symlink; nil when it does not exist.
    static func kind(of path: String, followingSymlink: Bool = false) throws -> FileKind? {
        var info = stat()
        let result = followingSymlink ? stat(path, &info) : lstat(path, &info)
        if result != 0 {
            if errno == ENOENT { return nil }
            throw FileSystemError(.read, path: path, code: errno)
        }
        switch FileType(mode: info.st_mode) {
        case .regular: return .regular
        case .folder: return .folder
        case .symlink: return .symlink
        default: return .other
        }
    }

    /// Creates `path` and any missing parents with `mode`; existing folders are left as they are.
    static func makeFolders(_ path: String, mode: mode_t) throws {
        if try kind(of: path, followingSymlink: true) != nil { return }
        let parent = PathText.parent(of: path)
        if parent != path { try makeFolders(parent, mode: mode) }
        if mkdir(path, mode) != 0 {
            if errno == EEXIST { return }  // another process made it meanwhile
            throw FileSystemError(.createFolder, path: path, code: errno)
        }
        // mkdir applies the umask; set the exact mode we promised.
        if chmod(path, mode) != 0 { throw FileSystemError(.setPermissions, path: path, code: errno) }
    }

    /// Writes every byte, looping over short writes. Returns 0 or the errno of the failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// fsync, retrying EINTR. Returns 0 or errno.
    static func flush(_ fd: Int32) -> Int32 {
        while true {
            #if canImport(Darwin)
            // On macOS plain fsync stops at the drive's cache; F_FULLFSYNC reaches the medium.
            if fcntl(fd, F_FULLFSYNC) == 0 { return 0 }
            #endif
            if fsync(fd) == 0 { return 0 }
            if errno != EINTR { return errno }
        }
    }

    /// Flushes a folder's entries (a rename is durable only once its folder is flushed).
    /// Filesystems that cannot sync a folder (EINVAL) are accepted as they are.
    static func flushFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw FileSystemError(.flushFolder, path: path, code: errno) }
        defer { close(fd) }
        let code = flush(fd)
        if code != 0 && code != EINVAL && code != ENOTSUP {
            throw FileSystemError(.flushFolder, path: path, code: code)
        }
    }

    /// Names in a folder, without "." and ".."; empty when the folder does not exist.
    static func listFolder(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return [] }
            throw FileSystemError(.listFolder, path: path, code: errno)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes a file; a file that is already gone is fine.
    static func removeFile(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw FileSystemError(.remove, path: path, code: errno)
        }
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
