import FoundationEssentials
public import SystemIO

/// Time as the agent sees it, so that its rules can be tested without waiting: the wall clock
/// (status times, the drift interval, which outlives the process), a monotonic reading for the
/// loop's schedule (the wall clock may be set back), and sleeping until a signal comes.
public protocol AgentClock: Sendable {
    var now: Date { get }
    /// Monotonic: only differences between two readings mean anything.
    var uptime: Duration { get }
    /// Sleeps for `duration`, cut short by a request in `inbox`, which it returns.
    func sleep(for duration: Duration, inbox: any AgentInbox) -> AgentRequest?
}

/// What someone outside asked the loop for.
public enum AgentRequest: Sendable, Equatable {
    /// Run a cycle now (SIGHUP, `agent reconcile`).
    case reconcile
    /// Stop (SIGTERM, SIGINT).
    case stop(signal: ProcessSignal)
}

/// Where requests arrive: `SignalInbox` in the agent.
public protocol AgentInbox: AnyObject {
    /// A stop was asked for (and is remembered).
    var stopRequested: ProcessSignal? { get }
    /// Waits up to `timeout` for a request; nil when the time ran out. A stop wins over a reconcile.
    func wait(timeout: Duration) -> AgentRequest?
}

/// The system's clocks.
public struct SystemClock: AgentClock {
    private let start = ContinuousClock.now

    public init() {}

    public var now: Date { Date() }
    public var uptime: Duration { ContinuousClock.now - start }

    public func sleep(for duration: Duration, inbox: any AgentInbox) -> AgentRequest? {
        inbox.wait(timeout: duration)
    }
}
