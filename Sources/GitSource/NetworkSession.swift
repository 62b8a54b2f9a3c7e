#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import FoundationEssentials
internal import SystemIO

/// One network operation (an ls-remote or a fetch): its deadline, the sockets it opened, the
/// credentials it offered, the bytes it moved, and the first failure a callback saw.
/// libgit2 runs the operation on the calling thread; a watchdog on another thread shuts the
/// sockets down at the deadline, which is what ends a read libssh2 would otherwise wait on
/// forever.
final class NetworkSession: @unchecked Sendable {
    let url: GitURL
    let config: GitSourceConfig
    var step: String
    let deadline: ContinuousClock.Instant

    /// Set by callbacks before they fail, so the error says why rather than libgit2's guess.
    var failure: GitSourceError?
    var credentialCalls = 0
    var offered: Set<String> = []

    private let lock = ThreadLock()
    private var sockets: Set<Int32> = []
    private var expiredFlag = false
    private var finished = false
    private var sent = 0
    private var received = 0
    private var connections = 0

    init(url: GitURL, config: GitSourceConfig, step: String) {
        self.url = url
        self.config = config
        self.step = step
        self.deadline = ContinuousClock.now + config.timeouts.operation
    }

    /// Runs `body` with this session as the thread's current one, under the watchdog.
    func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        // weak: a cancelled work item stays queued until its time comes.
        let watchdog = DispatchWorkItem { [weak self] in self?.expire() }
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .nanoseconds(Self.nanoseconds(config.timeouts.operation)), execute: watchdog)
        let previous = pthread_getspecific(Self.currentKey)
        pthread_setspecific(Self.currentKey, Unmanaged.passUnretained(self).toOpaque())
        defer {
            pthread_setspecific(Self.currentKey, previous)
            watchdog.cancel()
            lock.withLock { finished = true }
        }
        return try body()
    }

    /// The session of the operation running on this thread, if any.
    static var current: NetworkSession? {
        guard let raw = pthread_getspecific(currentKey) else { return nil }
        return Unmanaged<NetworkSession>.fromOpaque(raw).takeUnretainedValue()
    }

    var expired: Bool {
        lock.withLock { expiredFlag } || ContinuousClock.now >= deadline
    }

    /// Milliseconds left before the deadline, at least 0.
    var remainingMilliseconds: Int32 {
        let left = deadline - ContinuousClock.now
        return Int32(clamping: max(0, Self.nanoseconds(left) / 1_000_000))
    }

    var connectMilliseconds: Int32 {
        min(remainingMilliseconds, Int32(clamping: Self.nanoseconds(config.timeouts.connect) / 1_000_000))
    }

    var traffic: Traffic {
        lock.withLock { Traffic(bytesSent: sent, bytesReceived: received, connections: connections) }
    }

    func opened(_ fd: Int32) -> Bool {
        lock.withLock {
            guard !expiredFlag else { return false }
            sockets.insert(fd)
            connections += 1
            return true
        }
    }

    func closing(_ fd: Int32) {
        _ = lock.withLock { sockets.remove(fd) }
    }

    func count(sent bytes: Int) { lock.withLock { sent += bytes } }
    func count(received bytes: Int) { lock.withLock { received += bytes } }

    /// Records the first failure only: later ones are consequences of it.
    func fail(_ error: GitSourceError) {
        if failure == nil { failure = error }
    }

    private func expire() {
        lock.withLock {
            guard !finished else { return }
            expiredFlag = true
            // shutdown, not close: the fd stays owned by the stream, only its traffic ends.
            for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private static let currentKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000)
    }
}

/// Bytes on the wire for one operation: TCP payload bytes of every connection it opened, from
/// the kernel's counters (so ssh, whose socket libssh2 drives itself, counts too).
public struct Traffic: Sendable, Equatable {
    public var bytesSent = 0
    public var bytesReceived = 0
    public var connections = 0

    mutating func add(_ other: Traffic) {
        bytesSent += other.bytesSent
        bytesReceived += other.bytesReceived
        connections += other.connections
    }
}
