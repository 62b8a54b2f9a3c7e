#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// Tells when a file is created in any of some folders (inotify), so a crash test can kill a
/// writer while it writes rather than while it starts up.
final class FolderWatch {
    static let isAvailable = true
    private let fd: Int32

    init(_ folders: [String]) throws {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw SandboxError("inotify_init1: \(String(cString: strerror(errno)))") }
        for folder in folders where inotify_add_watch(fd, folder, UInt32(IN_CREATE)) < 0 {
            close(fd)
            throw SandboxError("cannot watch \(folder): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    /// Forgets the events seen so far.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Waits until a file is created in a watched folder (true), or `timeout` passes (false).
    func waitForCreation(timeout: Duration) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout / .milliseconds(1))
        var ready: Int32
        repeat { ready = poll(&entry, 1, milliseconds) } while ready < 0 && errno == EINTR
        return ready > 0
    }
}
#else
/// inotify is Linux's; elsewhere the crash test kills at random moments only.
final class FolderWatch {
    static let isAvailable = false
    init(_ folders: [String]) throws { throw SandboxError("FolderWatch needs inotify (Linux)") }
    func drain() {}
    func waitForCreation(timeout: Duration) -> Bool { false }
}
#endif
