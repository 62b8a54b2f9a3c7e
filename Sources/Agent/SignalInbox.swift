#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write end of the self-pipe, for the signal handler (which may only do async-signal-safe
/// things: write a byte, count, _exit).
nonisolated(unsafe) private var signalPipe: Int32 = -1
nonisolated(unsafe) private var stopSignals: sig_atomic_t = 0

/// SIGHUP, SIGTERM and SIGINT as bytes in a pipe, so the loop can wait for "the interval is
/// over or a signal came" with one poll(2), and check between stages whether it should stop.
/// A second SIGTERM or SIGINT ends the process at once, for a person who really means it.
public final class SignalInbox: AgentInbox {
    public typealias Request = AgentRequest

    private let readEnd: Int32
    private var stop: Int32?
    private var reconcile = false

    /// Installs the handlers; one inbox per process.
    public init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw AgentRunError.signals(String(cString: strerror(errno))) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        signalPipe = fds[1]
        for signal in [SIGHUP, SIGTERM, SIGINT] {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = handleSignal
            #else
            action.__sigaction_handler.sa_handler = handleSignal
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            guard sigaction(signal, &action, nil) == 0 else { throw AgentRunError.signals(String(cString: strerror(errno))) }
        }
        // A closed stderr or a helper that exits early must not end the agent.
        signal(SIGPIPE, SIG_IGN)
    }

    /// A stop was asked for (and is remembered until the process ends).
    public var stopRequested: Int32? {
        drain()
        return stop
    }

    /// Waits for `timeout` or a signal. Returns what was asked for, if anything; a stop
    /// wins over a reconcile.
    public func wait(timeout: Duration) -> Request? {
        let deadline = ContinuousClock.now + timeout
        while true {
            drain()
            if let stop { return .stop(signal: stop) }
            if reconcile {
                reconcile = false
                return .reconcile
            }
            let left = deadline - ContinuousClock.now
            if left <= .zero { return nil }
            var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, Int32(clamping: max(1, DurationText.milliseconds(left) + 1)))
        }
    }

    /// Forgets a reconcile asked for while a cycle ran that already covered it.
    public func clearReconcile() {
        drain()
        reconcile = false
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            for byte in buffer[0..<n] {
                let signal = Int32(byte)
                if signal == SIGHUP { reconcile = true } else if stop == nil { stop = signal }
            }
        }
    }
}

private func handleSignal(_ signal: Int32) {
    let saved = errno
    if signal == SIGTERM || signal == SIGINT {
        stopSignals += 1
        if stopSignals >= 2 { _exit(128 + signal) }
    }
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipe, &byte, 1)
    errno = saved
}

public enum AgentRunError: Error, Sendable, CustomStringConvertible {
    case signals(String)

    public var description: String {
        switch self {
        case .signals(let reason): "cannot set up signal handling: \(reason)"
        }
    }
}
