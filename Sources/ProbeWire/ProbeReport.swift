/// The checks of `provider-sync probe`, in the order they run.
public enum Check: String, Sendable, CaseIterable, Codable {
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

public enum CheckStatus: String, Sendable, Codable {
    case pass
    /// Fails the probe (exit 1).
    case fail
    /// Worth knowing, not a failure (no model listing, a stream too fast to judge).
    case note
    /// Not run: an earlier check failed, or it was not asked for.
    case skip
}

/// The outcome of one check: what was seen and, for a failure, what to do about it.
public struct CheckResult: Sendable, Equatable, Codable {
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

    private enum CodingKeys: String, CodingKey {
        case check, status, summary, fix
        case milliseconds = "ms"
    }
}

public struct ModelResult: Sendable, Equatable, Codable {
    public var id: String
    public var checks: [CheckResult]

    public init(id: String, checks: [CheckResult]) {
        self.id = id
        self.checks = checks
    }

    public func result(_ check: Check) -> CheckResult? { checks.first { $0.check == check } }
}

public struct ProviderResult: Sendable, Equatable, Codable {
    public var id: String
    public var baseURL: String
    /// reachable and models.
    public var checks: [CheckResult]
    /// The ids `GET /models` listed; nil when there was no listing.
    public var served: [String]?
    public var models: [ModelResult]

    public init(id: String, baseURL: String, checks: [CheckResult], served: [String]?, models: [ModelResult]) {
        self.id = id
        self.baseURL = baseURL
        self.checks = checks
        self.served = served
        self.models = models
    }

    public func result(_ check: Check) -> CheckResult? { checks.first { $0.check == check } }

    public var allChecks: [CheckResult] { checks + models.flatMap(\.checks) }
    public var failed: Bool { allChecks.contains { $0.status == .fail } }

    private enum CodingKeys: String, CodingKey {
        case id, baseURL, passed, checks, served, models
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), baseURL: try c.decode(String.self, forKey: .baseURL),
                  checks: try c.decode([CheckResult].self, forKey: .checks), served: try c.decodeIfPresent([String].self, forKey: .served),
                  models: try c.decode([ModelResult].self, forKey: .models))
    }

    /// `passed` is written for scripts; it is worked out from the checks, not read back.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(baseURL, forKey: .baseURL)
        try c.encode(!failed, forKey: .passed)
        try c.encode(checks, forKey: .checks)
        try c.encodeIfPresent(served, forKey: .served)
        try c.encode(models, forKey: .models)
    }
}

/// Every provider's results, in spec order: what `provider-sync probe --format json` prints
/// and the agent's health check reads.
public struct ProbeReport: Sendable, Equatable, Codable {
    public var providers: [ProviderResult]

    public init(providers: [ProviderResult]) { self.providers = providers }

    public var failed: Bool { providers.contains(where: \.failed) }

    private enum CodingKeys: String, CodingKey {
        case passed, providers
    }

    public init(from decoder: any Decoder) throws {
        providers = try decoder.container(keyedBy: CodingKeys.self).decode([ProviderResult].self, forKey: .providers)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(!failed, forKey: .passed)
        try c.encode(providers, forKey: .providers)
    }
}
