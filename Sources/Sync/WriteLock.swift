internal import SystemIO
public import Workstation

public enum WriteLockError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another process held the lock for the whole wait. `holder` is the pid it recorded, if any.
    case timedOut(lockPath: String, holder: Int32?, waited: Duration)

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
        let milliseconds = whole * 1000 + fraction / 1_000_000_000_000_000
        var text = String(Double(milliseconds) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// The one lock every writing command takes (`<state>/lock`), so an agent run and a manual
/// `apply` or `rollback` never interleave; the agent's own locks are taken the same way. A
/// `FileLock` (flock, the holder's pid inside) with this tool's message when it is busy.
public final class WriteLock {
    public static let defaultTimeout: Duration = .seconds(10)

    private let lock: FileLock

    public var path: String { lock.path }

    /// Takes the lock at `path`, polling until `timeout` has passed.
    public init(path: String, timeout: Duration = WriteLock.defaultTimeout, pollInterval: Duration = .milliseconds(50)) throws {
        do {
            lock = try FileLock(path: path, timeout: timeout, pollInterval: pollInterval)
        } catch let busy as FileLockBusy {
            throw WriteLockError.timedOut(lockPath: busy.path, holder: busy.holder, waited: busy.waited)
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

    public var isHeld: Bool { lock.isHeld }

    /// Releases the lock; calling it again does nothing.
    public func release() { lock.release() }
}
