#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import JSONCore

public enum WriteLockError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another process held the lock for the whole wait. `holder` is the pid it recorded, if any.
    case timedOut(lockPath: String, holder: pid_t?, waited: Duration)

    public var description: String {
        switch self {
        case .timedOut(let path, let holder, let waited):
            let who = holder.map { "another provider-sync (pid \($0))" } ?? "another provider-sync"
            return "\(who) is writing; waited \(Self.seconds(waited)) s (lock file: \(path))"
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        if fraction == 0 { return String(whole) }
        return "\(Double(whole) + Double(fraction) / 1e18)"
    }
}

/// The one lock every writing command takes (`<state>/lock`), so an agent run and a manual
/// `apply` or `rollback` never interleave.
///
/// flock rather than a pid file alone: the OS drops the lock when the holder dies, however it
/// dies, so a crash never leaves a stale lock behind. The pid written into the file is only
/// there to name the holder in the timeout message. The file is never deleted: unlinking a
/// lock file lets two processes lock two different files of the same name.
///
/// Release it with `release()` or `withLock`; `deinit` is a safety net, not the plan, because
/// Swift may end an object's life right after its last use.
public final class WriteLock {
    public static let defaultTimeout: Duration = .seconds(10)
    public static let defaultPollInterval: Duration = .milliseconds(50)

    public let path: String
    private var fd: Int32

    /// Takes the lock at `path`, polling until `timeout` has passed.
    public init(path: String, timeout: Duration = WriteLock.defaultTimeout,
                pollInterval: Duration = WriteLock.defaultPollInterval) throws {
        self.path = path
        try Posix.makeFolders(PathText.parent(of: path), mode: AtomicFileWriter.folderMode)
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

    /// Takes `<state>/lock`.
    public convenience init(state: StateLocation, timeout: Duration = WriteLock.defaultTimeout) throws {
        try self.init(path: state.lockPath, timeout: timeout)
    }

    /// Runs `body` holding the lock and releases it afterwards, also when `body` throws.
    public static func withLock<T>(state: StateLocation, timeout: Duration = WriteLock.defaultTimeout,
                                   _ body: () throws -> T) throws -> T {
        let lock = try WriteLock(state: state, timeout: timeout)
        defer { lock.release() }
        return try body()
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
            if clock.now - start >= timeout {
                throw WriteLockError.timedOut(lockPath: path, holder: holder(fd: fd), waited: timeout)
            }
            usleep(useconds_t(seconds(pollInterval) * 1_000_000))
        }
    }

    private func recordOwner() throws {
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) != 0 { throw FileSystemError(.writeLockOwner, path: path, code: errno) }
        let written = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        if written != text.count { throw FileSystemError(.writeLockOwner, path: path, code: written < 0 ? errno : EIO) }
    }

    /// The pid the current holder wrote, if it wrote one yet.
    private static func holder(fd: Int32) -> pid_t? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return pid_t(text.trimming(while: \.isWhitespace))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }
}
