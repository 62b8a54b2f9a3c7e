import FoundationEssentials
internal import JSONCore
public import OpenCodeLayers
internal import Redaction
internal import Secrets

/// What the agent did last, kept in `<state>/agent-status.json` (0600, written atomically).
/// As in Flux, the last applied revision is kept apart from the last attempted one: a bad
/// revision is attempted, fails, and the applied one stays in force.
public struct AgentStatus: Codable, Equatable, Sendable {
    public static let currentFormat = 1

    /// The repository, branch and path the agent follows (the URL without credentials).
    public struct Source: Codable, Equatable, Sendable {
        public var url: String
        public var branch: String
        public var path: String

        public init(url: String, branch: String, path: String) {
            self.url = url
            self.branch = branch
            self.path = path
        }
    }

    public struct ErrorRecord: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable {
            /// Stalling: the revision failed a check (invalid spec, unverified commit, missing
            /// key) or a target needs a person; retried at the normal interval.
            case rejected
            /// Retryable: the agent could not do its work (git host unreachable, keychain
            /// locked, I/O); the agent backs off.
            case error
        }

        public var kind: Kind
        /// A `ReconcileStage`: fetch, verify, read, validate, secrets, write, drift...
        public var stage: String
        public var message: String
        public var at: Date
        /// The commit it is about; nil when no commit was reached (the server is down).
        public var revision: String?
        /// Why, as a word scripts switch on; nil in a status written before reasons existed,
        /// or by a newer agent with a reason this one does not know.
        public var reason: FailureReason?
        /// An invalid spec's errors, each where `validate` reports it (at most `maxDiagnostics`).
        public var diagnostics: [DiagnosticRecord] = []

        private enum CodingKeys: String, CodingKey { case kind, stage, message, at, revision, reason, diagnostics }

        public static let maxDiagnostics = 100

        /// The most bytes of a stored message: an error quoting a huge input stays readable,
        /// and agent-status.json small.
        public static let maxMessageBytes = 16 * 1024

        public init(kind: Kind, stage: String, message: String, at: Date, revision: String?, reason: FailureReason? = nil) {
            self.kind = kind
            self.stage = stage
            // Redacted before it is stored: the file outlives the process that knew the keys.
            self.message = BoundedText.clipped(SecretRedactor.shared.redact(message), maxBytes: Self.maxMessageBytes)
            self.at = at
            self.revision = revision
            self.reason = reason
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(Kind.self, forKey: .kind)
            stage = try c.decode(String.self, forKey: .stage)
            message = try c.decode(String.self, forKey: .message)
            at = try c.decode(Date.self, forKey: .at)
            revision = try c.decodeIfPresent(String.self, forKey: .revision)
            reason = try c.decodeIfPresent(String.self, forKey: .reason).flatMap { FailureReason(rawValue: $0) }
            diagnostics = try c.decodeIfPresent([DiagnosticRecord].self, forKey: .diagnostics) ?? []
        }

        /// `revision` and `reason` written as null when there is none: the same shape every time.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(stage, forKey: .stage)
            try c.encode(BoundedText.clipped(message, maxBytes: Self.maxMessageBytes), forKey: .message)
            try c.encode(at, forKey: .at)
            try c.encode(revision, forKey: .revision)
            try c.encode(reason?.rawValue, forKey: .reason)
            try c.encode(diagnostics, forKey: .diagnostics)
        }
    }

    /// Hand edits found in one target at the last drift check.
    public struct DriftRecord: Codable, Equatable, Sendable {
        public var target: String
        public var path: String
        public var findings: [String]
    }

    /// Failed cycles of one stage and reason, counted for the metrics (a Prometheus counter:
    /// kept across restarts, so `agent once` on a timer counts too).
    public struct FailureCount: Codable, Equatable, Sendable {
        public var stage: String
        /// A `FailureReason`; nil for a failure of an older agent.
        public var reason: String?
        public var count: Int
    }

    public var format = AgentStatus.currentFormat
    public var source: Source?
    /// The running agent's pid; nil when it stopped cleanly. `agent status` checks the lock too.
    public var pid: Int32?
    public var startedAt: Date?
    /// Flux's suspend: a paused agent polls nothing and applies nothing.
    public var paused = false
    public var pauseReason: String?
    public var pausedAt: Date?
    public var lastAppliedRevision: String?
    public var lastAppliedAt: Date?
    /// A fingerprint of the settings the last apply used (source, targets, secrets mode): a
    /// change of them re-applies the same revision.
    public var lastAppliedSettings: String?
    public var lastAttemptedRevision: String?
    public var lastAttemptedAt: Date?
    public var lastError: ErrorRecord?
    public var consecutiveFailures = 0
    /// The branch's commit on the server at the last successful poll.
    public var remoteRevision: String?
    public var lastPollAt: Date?
    public var nextRunAt: Date?
    /// When the last cycle ended, whatever its outcome.
    public var lastCycleAt: Date?
    public var lastDriftCheckAt: Date?
    public var drift: [DriftRecord] = []
    /// What the agent's last write put into each target (see `AppliedTarget`): what `agent
    /// status` compares the files with, so that another apply to the same file shows as drift.
    public var applied: [AppliedTarget] = []
    /// The last probe of the applied providers (agent.yaml `healthCheck: true`).
    public var health: HealthRecord?
    /// What OpenCode makes of the applied providers, per target, as of the last cycle (`explain`'s
    /// verdict): kept to log when it changes.
    public var verdicts: [TargetVerdict] = []
    public var failureCounts: [FailureCount] = []

    public init() {}

    /// One more failure of `stage` for `reason`.
    mutating func countFailure(stage: String, reason: String?) {
        if let index = failureCounts.firstIndex(where: { $0.stage == stage && $0.reason == reason }) {
            failureCounts[index].count += 1
        } else {
            failureCounts.append(FailureCount(stage: stage, reason: reason, count: 1))
        }
    }

    private enum CodingKeys: String, CodingKey {
        case format, source, pid, startedAt, paused, pauseReason, pausedAt
        case lastAppliedRevision, lastAppliedAt, lastAppliedSettings, lastAttemptedRevision, lastAttemptedAt
        case lastError, consecutiveFailures, remoteRevision, lastPollAt, nextRunAt, lastCycleAt, lastDriftCheckAt, drift, applied, health, verdicts
        case failureCounts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(Int.self, forKey: .format) ?? Self.currentFormat
        source = try c.decodeIfPresent(Source.self, forKey: .source)
        pid = try c.decodeIfPresent(Int32.self, forKey: .pid)
        startedAt = try c.decodeIfPresent(Date.self, forKey: .startedAt)
        paused = try c.decodeIfPresent(Bool.self, forKey: .paused) ?? false
        pauseReason = try c.decodeIfPresent(String.self, forKey: .pauseReason)
        pausedAt = try c.decodeIfPresent(Date.self, forKey: .pausedAt)
        lastAppliedRevision = try c.decodeIfPresent(String.self, forKey: .lastAppliedRevision)
        lastAppliedAt = try c.decodeIfPresent(Date.self, forKey: .lastAppliedAt)
        lastAppliedSettings = try c.decodeIfPresent(String.self, forKey: .lastAppliedSettings)
        lastAttemptedRevision = try c.decodeIfPresent(String.self, forKey: .lastAttemptedRevision)
        lastAttemptedAt = try c.decodeIfPresent(Date.self, forKey: .lastAttemptedAt)
        lastError = try c.decodeIfPresent(ErrorRecord.self, forKey: .lastError)
        consecutiveFailures = try c.decodeIfPresent(Int.self, forKey: .consecutiveFailures) ?? 0
        remoteRevision = try c.decodeIfPresent(String.self, forKey: .remoteRevision)
        lastPollAt = try c.decodeIfPresent(Date.self, forKey: .lastPollAt)
        nextRunAt = try c.decodeIfPresent(Date.self, forKey: .nextRunAt)
        lastCycleAt = try c.decodeIfPresent(Date.self, forKey: .lastCycleAt)
        lastDriftCheckAt = try c.decodeIfPresent(Date.self, forKey: .lastDriftCheckAt)
        drift = try c.decodeIfPresent([DriftRecord].self, forKey: .drift) ?? []
        applied = try c.decodeIfPresent([AppliedTarget].self, forKey: .applied) ?? []
        health = try c.decodeIfPresent(HealthRecord.self, forKey: .health)
        verdicts = try c.decodeIfPresent([TargetVerdict].self, forKey: .verdicts) ?? []
        failureCounts = try c.decodeIfPresent([FailureCount].self, forKey: .failureCounts) ?? []
    }

    /// Every field, nulls included, so a script sees the whole shape even before the first run.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(source, forKey: .source)
        try c.encode(pid, forKey: .pid)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(paused, forKey: .paused)
        try c.encode(pauseReason, forKey: .pauseReason)
        try c.encode(pausedAt, forKey: .pausedAt)
        try c.encode(lastAppliedRevision, forKey: .lastAppliedRevision)
        try c.encode(lastAppliedAt, forKey: .lastAppliedAt)
        try c.encode(lastAppliedSettings, forKey: .lastAppliedSettings)
        try c.encode(lastAttemptedRevision, forKey: .lastAttemptedRevision)
        try c.encode(lastAttemptedAt, forKey: .lastAttemptedAt)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(consecutiveFailures, forKey: .consecutiveFailures)
        try c.encode(remoteRevision, forKey: .remoteRevision)
        try c.encode(lastPollAt, forKey: .lastPollAt)
        try c.encode(nextRunAt, forKey: .nextRunAt)
        try c.encode(lastCycleAt, forKey: .lastCycleAt)
        try c.encode(lastDriftCheckAt, forKey: .lastDriftCheckAt)
        try c.encode(drift, forKey: .drift)
        try c.encode(applied, forKey: .applied)
        try c.encode(health, forKey: .health)
        try c.encode(verdicts, forKey: .verdicts)
        try c.encode(failureCounts, forKey: .failureCounts)
    }
}
