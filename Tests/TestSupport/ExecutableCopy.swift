#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Copies a program through a close-on-exec descriptor. FileManager's copy leaves its write
/// descriptor open across a fork, so a server another test spawns meanwhile keeps it open, and
/// running the copy then fails with "Text file busy" (seen in CI).
public func copyExecutable(_ source: String, to destination: String) throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
    let fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw SpawnError(description: "cannot create \(destination): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    try bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SpawnError(description: "cannot write \(destination): \(String(cString: strerror(errno)))") }
            offset += n
        }
    }
}
