/// How one cycle ended.
public enum CycleOutcome: Sendable {
    case applied(revision: String)
    case upToDate(revision: String)
    case paused(reason: String?)
    /// Stopped by a signal before anything was written.
    case interrupted
    /// No poll this time (the loop woke for the drift check alone).
    case driftOnly
    case failed(ReconcileFailure)

    /// Applied or up to date: the cycle did its work.
    var succeeded: Bool {
        switch self {
        case .applied, .upToDate: true
        case .paused, .interrupted, .driftOnly, .failed: false
        }
    }

    /// Whether the drift check may follow: not after an apply (it merged everything, with the
    /// keys of now), not after a stop.
    var mayCheckDrift: Bool {
        switch self {
        case .applied, .interrupted: false
        case .upToDate, .paused, .driftOnly, .failed: true
        }
    }
}

public struct CycleReport: Sendable {
    public var outcome: CycleOutcome
    /// A failed drift check (the poll itself may have gone well).
    public var driftFailure: ReconcileFailure?
    /// Consecutive retryable errors so far: what the poll schedule backs off on.
    public var consecutiveErrors: Int

    /// `agent once`: 0 applied or up to date, 1 a stalling failure (the revision failed a
    /// check, a target needs a person), 2 a retryable error.
    public var exitCode: Int32 {
        var failures: [ReconcileFailure] = []
        if case .failed(let failure) = outcome { failures.append(failure) }
        if let driftFailure { failures.append(driftFailure) }
        if failures.contains(where: { !$0.reason.isStalling }) { return 2 }
        return failures.isEmpty ? 0 : 1
    }
}
