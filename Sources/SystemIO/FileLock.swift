#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock file is held by another process for the whole wait.
public struct FileLockBusy: Error, Sendable, Equatable {
    public var path: String
    /// The pid the holder recorded, if it recorded one yet.
    public var holder: Int32?
    public var waited: Duration

    public init(path: String, holder: Int32?, waited: Duration) {
        self.path = path
        self.holder = holder
        self.waited = waited
    }
}

/// An exclusive lock on a file (flock), with the holder's pid inside.
///
/// flock rather than a pid file alone: the OS drops the lock when the holder dies, however it
/// dies, so a crash never leaves a stale lock behind. The pid is only there to name the holder.
/// The file is never deleted: unlinking a lock file lets two processes lock two different files
/// of the same name.
///
/// Release it with `release()`; `deinit` is a safety net, not the plan, because Swift may end
/// an object's life right after its last use.
public final class FileLock {
    public let path: String
    private var fd: Int32

    /// Takes the lock at `path` (its folder made 0700 when missing), polling until `timeout`
    /// has passed: then `FileLockBusy`; a lock that cannot be taken at all is a `FileSystemError`.
    public init(path: String, timeout: Duration, pollInterval: Duration = .milliseconds(50)) throws {
        self.path = path
        try FileSystem.makeFolders(PathText.parent(of: path), mode: AtomicFileWriter.folderMode)
        var opened: Int32
        repeat { opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600 as mode_t) } while opened < 0 && errno == EINTR
        if opened < 0 { throw FileSystemError(.lock, path: path, code: errno) }
        fd = opened
        do {
            try Self.waitForLock(fd: opened, path: path, timeout: timeout, pollInterval: pollInterval)
            try recordOwner()
        } catch {
            close(opened)
            fd = -1
            throw error
        }
    }

    public var isHeld: Bool { fd >= 0 }

    /// Releases the lock; calling it again does nothing.
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)  // the pid no longer names a holder
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    private static func waitForLock(fd: Int32, path: String, timeout: Duration, pollInterval: Duration) throws {
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
            let code = errno
            if code != EWOULDBLOCK && code != EINTR { throw FileSystemError(.lock, path: path, code: code) }
            if clock.now - start >= timeout { throw FileLockBusy(path: path, holder: holder(fd: fd), waited: timeout) }
            RunningProcess.pause(pollInterval)
        }
    }

    private func recordOwner() throws {
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) != 0 { throw FileSystemError(.writeLockOwner, path: path, code: errno) }
        let written = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        if written != text.count { throw FileSystemError(.writeLockOwner, path: path, code: written < 0 ? errno : EIO) }
    }

    /// The pid the current holder wrote, if it wrote one yet.
    private static func holder(fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        var text = Substring(String(decoding: buffer[0..<count], as: UTF8.self))
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return Int32(text)
    }
}
