#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Thin wrappers over the file system calls the writer, the history and the key files need,
/// retrying EINTR and turning failures into `FileSystemError`. Nothing here decides policy;
/// the callers do.
public enum FileSystem {
    public enum FileKind: Sendable { case regular, folder, symlink, other }

    /// The kind of the file at `path` without following a final symlink; nil when it does not exist.
    public static func kind(of path: String, followingSymlink: Bool = false) throws -> FileKind? {
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
    public static func makeFolders(_ path: String, mode: mode_t) throws {
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
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
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
    public static func flush(_ fd: Int32) -> Int32 {
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
    public static func flushFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw FileSystemError(.flushFolder, path: path, code: errno) }
        defer { close(fd) }
        let code = flush(fd)
        if code != 0 && code != EINVAL && code != ENOTSUP {
            throw FileSystemError(.flushFolder, path: path, code: code)
        }
    }

    /// Names in a folder, without "." and ".."; empty when the folder does not exist.
    public static func listFolder(_ path: String) throws -> [String] {
        do {
            return try FolderListing.entries(path).map(\.name)
        } catch {
            if case .system(ENOENT) = error.problem { return [] }
            if case .system(let code) = error.problem { throw FileSystemError(.listFolder, path: path, code: code) }
            throw error
        }
    }

    /// The size of the file at `path`, following symlinks.
    public static func size(of path: String) throws -> Int {
        var info = stat()
        if stat(path, &info) != 0 { throw FileSystemError(.read, path: path, code: errno) }
        return Int(info.st_size)
    }

    /// Removes a file; a file that is already gone is fine.
    public static func removeFile(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw FileSystemError(.remove, path: path, code: errno)
        }
    }

    /// Renames `path` to `destination` (same file system), replacing what is there.
    public static func move(_ path: String, to destination: String) throws(FileSystemError) {
        if rename(path, destination) != 0 { throw FileSystemError(.move(to: destination), path: path, code: errno) }
    }

}

extension FileSystem {
    /// Creates `path`, which must not exist yet (O_EXCL: no race with another writer), with
    /// `bytes` and `mode` less the umask (a file for the user, as an editor would make it); a
    /// failed write removes it again.
    public static func createNew(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(FileSystemError) {
        var fd: Int32
        repeat { fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw FileSystemError(.createFile, path: path, code: errno) }
        var code = writeAll(fd, bytes)
        if close(fd) != 0 && code == 0 && errno != EINTR { code = errno }
        guard code == 0 else {
            unlink(path)
            throw FileSystemError(.writeFile, path: path, code: code)
        }
    }

    /// The canonical path `path` leads to (symlinks followed, `..` resolved); nil when it
    /// leads nowhere.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
