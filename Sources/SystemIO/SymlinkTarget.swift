#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where symlinks lead: the text a link stores, and where a chain of them ends (for messages,
/// "X (a link to /dev/null)").
public enum SymlinkTarget {
    /// The canonical path `path` resolves to, or nil when it is not a link or cannot be resolved.
    static func final(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, FileType(mode: info.st_mode) == .symlink else { return nil }
        return FileSystem.realPath(path)
    }

    /// The target the link at `path` stores, as written (readlink).
    public static func stored(_ path: String) throws(FileAccessError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw FileAccessError(path: path, problem: .system(errno)) }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
