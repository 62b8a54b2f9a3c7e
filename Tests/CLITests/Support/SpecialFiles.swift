#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// FIFOs, sockets and device nodes for the hostile-file tests, made only under a temporary
/// folder: the real /dev is never touched.
enum SpecialFiles {
    static func makeFIFO(_ path: String) throws {
        guard mkfifo(path, 0o600) == 0 else { throw SandboxError("mkfifo \(path): \(String(cString: strerror(errno)))") }
    }

    /// A listening Unix socket bound at `path`; the descriptor stays open until the process ends
    /// (the socket file is what the test needs).
    static func makeSocket(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SandboxError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw SandboxError("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in bytes.enumerated() { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw SandboxError("bind \(path): \(String(cString: strerror(errno)))") }
    }

    /// A character device node with the null device's numbers (1, 3) at `path`, as `mknod`
    /// makes it; needs root (CAP_MKNOD) and a file system that allows device nodes.
    static func makeNullDevice(_ path: String) throws {
        let r = try runProcess("/usr/bin/mknod", [path, "c", "1", "3"], environment: ["PATH": "/usr/bin:/bin"], folder: "/")
        guard r.status == 0 else { throw SandboxError("mknod \(path) c 1 3: \(r.stderr)") }
    }

    /// Whether device nodes can be made under the temporary folder here (root, and not a
    /// `nodev` mount that refuses them); tested once.
    static let canMakeDevices: Bool = {
        guard let folder = try? temporaryFolder() else { return false }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard (try? makeNullDevice(folder + "/null")) != nil else { return false }
        return isNullDevice(folder + "/null")
    }()

    /// lstat: a character device with the numbers 1, 3.
    static func isNullDevice(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFCHR else { return false }
        var null = stat()
        return stat("/dev/null", &null) == 0 && info.st_rdev == null.st_rdev
    }

    /// The `st_mode & S_IFMT` of `path` itself (lstat), or nil.
    static func type(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }
}
