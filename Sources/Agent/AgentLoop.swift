import FoundationEssentials
import Logging
internal import SystemIO
internal import Workstation

/// `agent run`: a cycle at start, then one every interval (with jitter, backing off after
/// errors); SIGHUP runs one now; SIGTERM or SIGINT stop it: at once while it waits, and
/// mid-cycle before the next write (a write in progress is finished, never cut in half).
/// Between polls it wakes for the drift check when that comes first.
public final class AgentLoop {
    public let reconciler: Reconciler
    public let inbox: any AgentInbox
    public let log: Logger
    /// A draw in -1...1 for each wait's jitter.
    private let jitter: () -> Double

    public init(reconciler: Reconciler, inbox: any AgentInbox, log: Logger,
                jitter: @escaping () -> Double = { Double.random(in: -1...1) }) {
        self.reconciler = reconciler
        self.inbox = inbox
        self.log = log
        self.jitter = jitter
    }

    private var clock: any AgentClock { reconciler.parts.clock }
    private var store: any StatusStore { reconciler.parts.status }

    /// Runs until a stop signal; returns the exit code (0: stopped on request).
    public func run() -> Int32 {
        let config = reconciler.config
        let schedule = PollSchedule(interval: config.interval)
        let source = reconciler.source
        update { status in
            status.pid = RunningProcess.id
            status.startedAt = self.clock.now
        }
        log.notice("agent-started", metadata: [
            "pid": .stringConvertible(RunningProcess.id), "url": .string(source.url), "branch": .string(source.branch),
            "path": .string(source.path), "interval": .string(DurationText.format(config.interval)),
            "driftInterval": .string(DurationText.format(config.driftInterval)),
            "targets": .string(config.targets.map(\.description).joined(separator: ",")), "onDrift": .string(config.onDrift.rawValue),
        ])
        let follower = AppFileFollower(targets: config.targets, context: reconciler.context, log: log)
        reconciler.follower = follower
        follower?.start()
        defer { follower?.stop() }
        var nextPoll = clock.uptime
        var stopSignal: ProcessSignal?
        while stopSignal == nil {
            let poll = clock.uptime >= nextPoll
            let report = reconciler.cycle(poll: poll) { self.inbox.stopRequested != nil }
            if let signal = inbox.stopRequested {
                stopSignal = signal
                break
            }
            if poll { nextPoll = clock.uptime + schedule.delay(afterErrors: report.consecutiveErrors, random: jitter()) }
            let wait = max(.zero, min(nextPoll - clock.uptime, untilDriftCheck()))
            let wakeDate = clock.now.addingTimeInterval(DurationText.seconds(wait))
            update { $0.nextRunAt = wakeDate }
            log.debug("waiting", metadata: ["until": .string(AgentTime.text(wakeDate)),
                                           "errors": .stringConvertible(report.consecutiveErrors)])
            switch clock.sleep(for: wait, inbox: inbox) {
            case .stop(let signal)?:
                stopSignal = signal
            case .reconcile?:
                log.info("reconcile-requested", metadata: ["signal": "SIGHUP"])
                nextPoll = clock.uptime
            case nil:
                break
            }
        }
        update { status in
            status.pid = nil
            status.nextRunAt = nil
        }
        log.notice("agent-stopped", metadata: ["signal": .string((stopSignal ?? .terminate).name)])
        return 0
    }

    /// How long until the drift interval next ends, from the status (never less than 10 ms).
    private func untilDriftCheck() -> Duration {
        let interval = reconciler.config.driftInterval
        guard let status = try? store.read(), status.lastAppliedRevision != nil, let last = status.lastDriftCheckAt else {
            return interval
        }
        let left = interval - .milliseconds(Int64(clock.now.timeIntervalSince(last) * 1000))
        return max(left, .milliseconds(10))
    }

    private func update(_ change: (inout AgentStatus) -> Void) {
        do {
            try store.update(change)
        } catch {
            log.error("status-not-saved", metadata: ["reason": .string("\(error)")])
        }
    }

}
