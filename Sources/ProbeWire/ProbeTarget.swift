/// One provider as the probe sees it: where its API is, the key it sends, the models to try.
/// What `provider-sync` and the agent hand to provider-sync-probe on its standard input, keys
/// resolved (never in arguments or files).
public struct ProbeTarget: Sendable, Equatable, Codable {
    public var id: String
    public var baseURL: String
    /// The key, already resolved; nil sends no Authorization header.
    public var apiKey: String?
    /// Why there is no key (a keychain item not stored, an unset variable), for the 401 fix.
    public var missingKeyReason: String?
    public var headers: [NameValue]
    /// Added to every request's URL, as OpenCode adds them (`queryParams`).
    public var queryParams: [NameValue]
    public var models: [String]
    /// A PEM file of the CA behind this server's certificate, trusted besides the system's.
    public var caFile: String?

    public init(id: String, baseURL: String, apiKey: String? = nil, missingKeyReason: String? = nil,
                headers: [NameValue] = [], queryParams: [NameValue] = [], models: [String], caFile: String? = nil) {
        self.id = id
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.missingKeyReason = missingKeyReason
        self.headers = headers
        self.queryParams = queryParams
        self.models = models
        self.caFile = caFile
    }

    private enum CodingKeys: String, CodingKey {
        case id, baseURL, apiKey, missingKeyReason, headers, queryParams, models, caFile
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), baseURL: try c.decode(String.self, forKey: .baseURL),
                  apiKey: try c.decodeIfPresent(String.self, forKey: .apiKey),
                  missingKeyReason: try c.decodeIfPresent(String.self, forKey: .missingKeyReason),
                  headers: try c.decodeIfPresent([NameValue].self, forKey: .headers) ?? [],
                  queryParams: try c.decodeIfPresent([NameValue].self, forKey: .queryParams) ?? [],
                  models: try c.decode([String].self, forKey: .models), caFile: try c.decodeIfPresent(String.self, forKey: .caFile))
    }
}

/// A header or query parameter: order and repeats kept, as the spec has them.
public struct NameValue: Sendable, Equatable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `["X-Team", "platform"]`: a pair, shorter than an object.
    public init(from decoder: any Decoder) throws {
        var pair = try decoder.unkeyedContainer()
        self.init(try pair.decode(String.self), try pair.decode(String.self))
        guard pair.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: pair, debugDescription: "a name and a value, nothing more")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var pair = encoder.unkeyedContainer()
        try pair.encode(name)
        try pair.encode(value)
    }
}
