#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a chain of symlinks ends, for messages ("X (a link to /dev/null)").
enum SymlinkTarget {
    /// The canonical path `path` resolves to, or nil when it is not a link or cannot be resolved.
    static func final(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, FileType(mode: info.st_mode) == .symlink,
              let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
