import FoundationEssentials
public import JSONCore

/// What the agent announces to `notify.webhook`, as Flux's notification-controller does: a
/// revision applied or rejected, the providers' health changed. The JSON shape is a contract
/// (README, "Notifications"): every key always present, null where there is nothing; keys are
/// added, never renamed. It holds no secret: no message, no URL, no key.
public struct AgentEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A new revision was written to the targets.
        case applied
        /// A revision failed a check (a stalling reason); announced once per revision and reason.
        case rejected
        /// The set of providers failing the health check changed (`healthCheck: true`).
        case healthChanged
    }

    /// `healthChanged`: some provider fails now, or none does any more.
    public static let providersFailing = "providersFailing"
    public static let providersHealthy = "providersHealthy"

    public var event: Kind
    public var revision: String?
    public var host: String
    public var user: String
    public var version: String
    /// `rejected`: the `FailureReason`; `healthChanged`: providersFailing or providersHealthy.
    public var reason: String?
    public var time: Date

    public init(event: Kind, revision: String?, host: String, user: String, version: String, reason: String?, time: Date) {
        self.event = event
        self.revision = revision
        self.host = host
        self.user = user
        self.version = version
        self.reason = reason
        self.time = time
    }

    /// `{event, revision, host, user, version, reason, time}` in that order.
    public var json: JSONValue {
        .object(JSONObject([
            ("event", .string(event.rawValue)), ("revision", revision.map { .string($0) } ?? .null), ("host", .string(host)),
            ("user", .string(user)), ("version", .string(version)), ("reason", reason.map { .string($0) } ?? .null),
            ("time", .string(AgentTime.text(time))),
        ]))
    }
}
