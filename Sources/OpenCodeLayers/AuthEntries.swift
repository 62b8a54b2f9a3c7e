internal import JSONCore
internal import Workstation

/// What OpenCode's credential store says that matters here, never a key: which providers have
/// an `api` entry (their key, used where the config sets no `apiKey`), and which `wellknown`
/// entries make OpenCode fetch remote config first. Read from OPENCODE_AUTH_CONTENT when set
/// (it replaces the file), else `$XDG_DATA_HOME/opencode/auth.json`.
public struct AuthEntries: Sendable, Equatable {
    public var apiKeyProviders: Set<String> = []
    public var wellKnownURLs: [String] = []
    /// Where it was read from; nil when there is none.
    public var source: String?
    /// Why it could not be read (then OpenCode's own read fails as well, or drops it).
    public var problem: String?

    public init() {}

    static func read(_ situation: Situation) -> AuthEntries {
        var entries = AuthEntries()
        let text: String
        if let content = situation.environment[.opencodeAuthContent] {
            entries.source = Variable.opencodeAuthContent.rawValue
            text = content
        } else {
            guard let path = try? situation.locations.opencodeAuthFile() else { return entries }
            do {
                guard let bytes = try Disk.read(path) else { return entries }
                entries.source = path
                text = String(decoding: bytes, as: UTF8.self)
            } catch {
                entries.problem = "\(path) cannot be read: \(error.reason)"
                return entries
            }
        }
        guard let object = (try? JSONParser.value(text))?.objectValue else {
            entries.problem = "\(entries.source ?? "auth.json") is not a JSON object"
            return entries
        }
        for (id, entry) in object {
            switch entry["type"]?.stringValue {
            case "api": entries.apiKeyProviders.insert(id)
            case "wellknown": entries.wellKnownURLs.append(id)
            default: break
            }
        }
        return entries
    }
}
