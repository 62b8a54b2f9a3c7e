import JSONCore

/// The checks of `provider-sync probe`, in the order they run.
public enum Check: String, Sendable, CaseIterable {
    /// DNS, TCP and TLS: the server answers HTTP at all.
    case reachable
    /// `GET {baseURL}/models` with the key.
    case models
    /// The spec's model id is among the served ids.
    case served
    /// `POST {baseURL}/chat/completions`, not streamed.
    case chat
    /// The same with `stream: true`: server-sent events ending in `[DONE]`, not held back by a proxy.
    case stream
    /// One tool with `tool_choice` required: a `tool_calls` answer, streamed and not.
    case tools
}

public enum CheckStatus: String, Sendable {
    case pass
    /// Fails the probe (exit 1).
    case fail
    /// Worth knowing, not a failure (no model listing, a stream too fast to judge).
    case note
    /// Not run: an earlier check failed, or it was not asked for.
    case skip

    public var mark: String {
        switch self {
        case .pass: "✓"
        case .fail: "✗"
        case .note: "!"
        case .skip: "-"
        }
    }
}

/// The outcome of one check: what was seen and, for a failure, what to do about it.
public struct CheckResult: Sendable {
    public var check: Check
    public var status: CheckStatus
    public var summary: String
    public var fix: String?
    public var milliseconds: Int?

    public init(_ check: Check, _ status: CheckStatus, _ summary: String, fix: String? = nil, milliseconds: Int? = nil) {
        self.check = check
        self.status = status
        self.summary = summary
        self.fix = fix
        self.milliseconds = milliseconds
    }

    var json: JSONValue {
        var o = JSONObject()
        o["check"] = .string(check.rawValue)
        o["status"] = .string(status.rawValue)
        o["summary"] = .string(summary)
        if let fix { o["fix"] = .string(fix) }
        if let milliseconds { o["ms"] = .number(Double(milliseconds)) }
        return .object(o)
    }
}

public struct ModelResult: Sendable {
    public var id: String
    public var checks: [CheckResult]

    public func result(_ check: Check) -> CheckResult? { checks.first { $0.check == check } }
}

public struct ProviderResult: Sendable {
    public var id: String
    public var baseURL: String
    /// reachable and models.
    public var checks: [CheckResult]
    /// The ids `GET /models` listed; nil when there was no listing.
    public var served: [String]?
    public var models: [ModelResult]

    public func result(_ check: Check) -> CheckResult? { checks.first { $0.check == check } }

    public var allChecks: [CheckResult] { checks + models.flatMap(\.checks) }
    public var failed: Bool { allChecks.contains { $0.status == .fail } }
}

/// Every provider's results, in spec order.
public struct ProbeReport: Sendable {
    public var providers: [ProviderResult]

    public init(providers: [ProviderResult]) { self.providers = providers }

    public var failed: Bool { providers.contains(where: \.failed) }

    public var json: JSONValue {
        .object(JSONObject([
            ("passed", .bool(!failed)),
            ("providers", .array(providers.map { p in
                var o = JSONObject()
                o["id"] = .string(p.id)
                o["baseURL"] = .string(p.baseURL)
                o["passed"] = .bool(!p.failed)
                o["checks"] = .array(p.checks.map(\.json))
                if let served = p.served { o["served"] = .array(served.map { .string($0) }) }
                o["models"] = .array(p.models.map { m in
                    .object(JSONObject([("id", .string(m.id)), ("checks", .array(m.checks.map(\.json)))]))
                })
                return .object(o)
            })),
        ]))
    }
}
