import FoundationEssentials

/// One provider as the probe sees it: where its API is, the key it sends, the models to try.
public struct ProbeTarget: Sendable {
    public var id: String
    public var baseURL: String
    /// The key, already resolved; nil sends no Authorization header.
    public var apiKey: String?
    /// Why there is no key (a keychain item not stored, an unset variable), for the 401 fix.
    public var missingKeyReason: String?
    public var headers: [(String, String)]
    /// Added to every request's URL, as OpenCode adds them (`queryParams`).
    public var queryParams: [(String, String)]
    public var models: [String]
    /// A PEM file of the CA behind this server's certificate, trusted besides the system's.
    public var caFile: String?

    public init(id: String, baseURL: String, apiKey: String? = nil, missingKeyReason: String? = nil,
                headers: [(String, String)] = [], queryParams: [(String, String)] = [], models: [String], caFile: String? = nil) {
        self.id = id
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.missingKeyReason = missingKeyReason
        self.headers = headers
        self.queryParams = queryParams
        self.models = models
        self.caFile = caFile
    }
}
