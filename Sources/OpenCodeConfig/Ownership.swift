/// What this tool wrote into one opencode.json last time, so that the next merge knows which
/// providers and keys are its to update or remove, and which belong to the user. The caller
/// keeps it (in its state file) per target file.
public struct Ownership: Codable, Sendable, Equatable {
    /// Provider id -> `stableHash` of the value as written.
    public var providers: [String: String]
    /// Top-level key (`model`, `small_model`) -> `stableHash` of the value as written.
    public var keys: [String: String]
    /// Ids this tool added to the file's `enabled_providers` (removed again with the provider).
    public var enabledProviders: [String]

    public init(providers: [String: String] = [:], keys: [String: String] = [:], enabledProviders: [String] = []) {
        self.providers = providers
        self.keys = keys
        self.enabledProviders = enabledProviders
    }

    public static let none = Ownership()

    public var isEmpty: Bool { providers.isEmpty && keys.isEmpty && enabledProviders.isEmpty }

    public func owns(provider id: String) -> Bool { providers[id] != nil }

    private enum CodingKeys: String, CodingKey {
        case providers, keys, enabledProviders
    }

    /// Missing fields read as empty, so that state written by an older version still loads.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        providers = try c.decodeIfPresent([String: String].self, forKey: .providers) ?? [:]
        keys = try c.decodeIfPresent([String: String].self, forKey: .keys) ?? [:]
        enabledProviders = try c.decodeIfPresent([String].self, forKey: .enabledProviders) ?? []
    }
}
