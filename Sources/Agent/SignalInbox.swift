public import SystemIO

/// SIGHUP, SIGTERM and SIGINT through a `SignalPipe`, so the loop can wait for "the interval
/// is over or a signal came" at once, and check between stages whether it should stop. A
/// second SIGTERM or SIGINT ends the process at once, for a person who really means it.
public final class SignalInbox: AgentInbox {
    public typealias Request = AgentRequest

    private let pipe: SignalPipe
    private var stop: ProcessSignal?
    private var reconcile = false

    /// Installs the handlers; one inbox per process.
    public init() throws {
        do {
            pipe = try SignalPipe([.hangup, .terminate, .interrupt], endingOnSecond: [.terminate, .interrupt])
        } catch {
            throw AgentRunError.signals(error.reason)
        }
        // A closed stderr or a helper that exits early must not end the agent.
        RunningProcess.ignoreBrokenPipes()
    }

    /// A stop was asked for (and is remembered until the process ends).
    public var stopRequested: ProcessSignal? {
        take(pipe.received())
        return stop
    }

    /// Waits for `timeout` or a signal. Returns what was asked for, if anything; a stop
    /// wins over a reconcile.
    public func wait(timeout: Duration) -> Request? {
        take(pipe.received())
        if stop == nil && !reconcile { take(pipe.received(waitingUpTo: timeout)) }
        if let stop { return .stop(signal: stop) }
        if reconcile {
            reconcile = false
            return .reconcile
        }
        return nil
    }

    /// Forgets a reconcile asked for while a cycle ran that already covered it.
    public func clearReconcile() {
        take(pipe.received())
        reconcile = false
    }

    private func take(_ signals: [ProcessSignal]) {
        for signal in signals {
            if signal == .hangup { reconcile = true } else if stop == nil { stop = signal }
        }
    }
}

public enum AgentRunError: Error, Sendable, CustomStringConvertible {
    case signals(String)

    public var description: String {
        switch self {
        case .signals(let reason): "cannot set up signal handling: \(reason)"
        }
    }
}
