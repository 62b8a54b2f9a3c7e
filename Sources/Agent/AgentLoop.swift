#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// `agent run`: a cycle at start, then one every interval (with jitter, backing off after
/// errors); SIGHUP runs one now; SIGTERM or SIGINT stop it: at once while it waits, and
/// mid-cycle before the next write (a write in progress is finished, never cut in half).
public final class AgentLoop {
    public let reconciler: Reconciler
    public let inbox: SignalInbox
    public let log: Logger
    private let store: AgentStatusStore

    public init(reconciler: Reconciler, inbox: SignalInbox, log: Logger) {
        self.reconciler = reconciler
        self.inbox = inbox
        self.log = log
        store = AgentStatusStore(files: reconciler.context.files)
    }

    /// Runs until a stop signal; returns the exit code (0: stopped on request).
    public func run() -> Int32 {
        let config = reconciler.config
        let schedule = PollSchedule(interval: config.interval)
        let started = Date()
        let source = reconciler.source
        update { status in
            status.pid = getpid()
            status.startedAt = started
        }
        log.notice("agent-started", metadata: [
            "pid": .stringConvertible(getpid()), "url": .string(source.url), "branch": .string(source.branch),
            "path": .string(source.path), "interval": .string(DurationText.format(config.interval)),
            "driftInterval": .string(DurationText.format(config.driftInterval)),
            "targets": .string(config.targets.joined(separator: ",")), "onDrift": .string(config.onDrift.rawValue),
        ])
        var nextPoll = ContinuousClock.now
        var stopSignal: Int32?
        while stopSignal == nil {
            let poll = ContinuousClock.now >= nextPoll
            let report = reconciler.cycle(poll: poll) { self.inbox.stopRequested != nil }
            if let signal = inbox.stopRequested {
                stopSignal = signal
                break
            }
            if poll { nextPoll = ContinuousClock.now + schedule.delay(afterErrors: report.consecutiveErrors) }
            let wake = min(nextPoll, nextDriftCheck(now: .now))
            let wakeDate = Date().addingTimeInterval(DurationText.seconds(wake - .now))
            update { $0.nextRunAt = wakeDate }
            log.debug("waiting", metadata: ["until": .string(AgentTime.text(wakeDate)),
                                           "errors": .stringConvertible(report.consecutiveErrors)])
            switch inbox.wait(until: wake) {
            case .stop(let signal)?:
                stopSignal = signal
            case .reconcile?:
                log.info("reconcile-requested", metadata: ["signal": "SIGHUP"])
                nextPoll = .now
            case nil:
                break
            }
        }
        update { status in
            status.pid = nil
            status.nextRunAt = nil
        }
        log.notice("agent-stopped", metadata: ["signal": .string(Self.name(of: stopSignal ?? SIGTERM))])
        return 0
    }

    /// When the drift interval next ends, from the status (never in the past).
    private func nextDriftCheck(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let interval = reconciler.config.driftInterval
        guard let status = try? store.read(), status.lastAppliedRevision != nil, let last = status.lastDriftCheckAt else {
            return now + interval
        }
        let left = interval - .milliseconds(Int64(Date().timeIntervalSince(last) * 1000))
        return now + max(left, .milliseconds(10))
    }

    private func update(_ change: (inout AgentStatus) -> Void) {
        do {
            try store.update(change)
        } catch {
            log.error("status-not-saved", metadata: ["reason": .string("\(error)")])
        }
    }

    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
