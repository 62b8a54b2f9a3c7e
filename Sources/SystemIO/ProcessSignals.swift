#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signals this tool handles or sends, by name: their numbers differ between systems.
public enum ProcessSignal: Sendable, Hashable, CaseIterable {
    case hangup, interrupt, quit, terminate

    public var number: Int32 {
        switch self {
        case .hangup: SIGHUP
        case .interrupt: SIGINT
        case .quit: SIGQUIT
        case .terminate: SIGTERM
        }
    }

    /// "SIGTERM", as logs and people name it.
    public var name: String {
        switch self {
        case .hangup: "SIGHUP"
        case .interrupt: "SIGINT"
        case .quit: "SIGQUIT"
        case .terminate: "SIGTERM"
        }
    }

    public init?(number: Int32) {
        guard let known = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = known
    }
}

public struct SignalSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public var description: String { "cannot set up signal handling: \(reason)" }
}

/// The write end of the self-pipe and the signals that end the process when they come a second
/// time, for the handler (which may only do async-signal-safe things: write a byte, count, _exit).
nonisolated(unsafe) private var signalPipe: Int32 = -1
nonisolated(unsafe) private var endingSignals: (Int32, Int32) = (-1, -1)
nonisolated(unsafe) private var endingCount: sig_atomic_t = 0

/// Signals as bytes in a pipe, so a loop can wait for "the time is up or a signal came" with one
/// poll(2), and look between steps whether one came. One per process.
public final class SignalPipe {
    private let readEnd: Int32

    /// Handles `signals`; a second one of `endingOnSecond` (at most two kinds) ends the process
    /// at once with 128 + its number, for a person who really means it.
    public init(_ signals: [ProcessSignal], endingOnSecond: [ProcessSignal]) throws(SignalSetupError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SignalSetupError(reason: String(cString: strerror(errno))) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        signalPipe = fds[1]
        let ending = endingOnSecond.map(\.number)
        endingSignals = (ending.first ?? -1, ending.dropFirst().first ?? -1)
        for signal in signals {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = handleSignal
            #else
            action.__sigaction_handler.sa_handler = handleSignal
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            guard sigaction(signal.number, &action, nil) == 0 else { throw SignalSetupError(reason: String(cString: strerror(errno))) }
        }
    }

    /// The signals that came since the last call, in order; when none has, waits for one up to
    /// `timeout` (zero: only looks).
    public func received(waitingUpTo timeout: Duration = .zero) -> [ProcessSignal] {
        var signals = drain()
        let deadline = ContinuousClock.now + timeout
        while signals.isEmpty {
            let left = deadline - ContinuousClock.now
            if left <= .zero { break }
            let (seconds, attoseconds) = left.components
            var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, Int32(clamping: max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)))
            signals = drain()
        }
        return signals
    }

    private func drain() -> [ProcessSignal] {
        var signals: [ProcessSignal] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return signals }
            signals += buffer[0..<n].compactMap { ProcessSignal(number: Int32($0)) }
        }
    }
}

private func handleSignal(_ signal: Int32) {
    let saved = errno
    if signal == endingSignals.0 || signal == endingSignals.1 {
        endingCount += 1
        if endingCount >= 2 { _exit(128 + signal) }
    }
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipe, &byte, 1)
    errno = saved
}

extension RunningProcess {
    /// A closed output or a child that exits before reading its input must not end this
    /// process: writes then fail with EPIPE instead of killing it with SIGPIPE.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}
