#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared libraries mapped into this process, by path: `version` shows which file of each
/// C library the program really runs with (the release binary needs Debian 12's libgit2.so.1.5).
enum LoadedLibraries {
    static func files() -> [String] {
        #if os(Linux)
        // /proc/self/maps: one line per mapping, the file's path last; a library has several.
        var paths: [String] = []
        for line in readAll("/proc/self/maps").split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            if path.contains(".so") && !paths.contains(path) { paths.append(path) }
        }
        return paths
        #else
        return (0..<_dyld_image_count()).compactMap { _dyld_get_image_name($0).map { String(cString: $0) } }
        #endif
    }

    /// The file name without its folder: `libgit2.so.1.5`.
    static func name(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// A file /proc gives no size for, read to its end.
    private static func readAll(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
