public import JSONCore

/// The part of opencode.json this tool decides: its providers and the default models (and, for
/// the files that need one, the whole `enabled_providers` list); in the `auth` secrets mode also
/// the entries of OpenCode's auth.json. `merge` puts it into the file on disk; `document` is the
/// whole file when there is none.
public struct RenderedConfig: Sendable, Equatable {
    public static let schemaURL = "https://opencode.ai/config.json"

    /// `provider.<id>` values, in the order of the spec.
    public var providers: JSONObject
    /// `model`: "<providerId>/<modelId>".
    public var model: String?
    /// `small_model`.
    public var smallModel: String?
    /// The whole `enabled_providers` list, owned as one value (the app's sidecar, the managed
    /// file when asked); nil: the ids of `providers` are added to a list the file has.
    public var enabledProviders: [String]?
    /// auth.json entries of the `auth` secrets mode: provider id -> `{"type": "api", "key": ...}`.
    public var authEntries: JSONObject

    public init(providers: JSONObject = JSONObject(), model: String? = nil, smallModel: String? = nil,
                enabledProviders: [String]? = nil, authEntries: JSONObject = JSONObject()) {
        self.providers = providers
        self.model = model
        self.smallModel = smallModel
        self.enabledProviders = enabledProviders
        self.authEntries = authEntries
    }

    /// The same providers and models, and nothing else: what a retired file or a file that
    /// lists no providers of its own gets.
    public var configOnly: RenderedConfig {
        RenderedConfig(providers: providers, model: model, smallModel: smallModel)
    }

    public var providerIDs: [String] { providers.keys }

    /// The top-level keys this tool sets besides `provider`, with their values, in file order.
    var modelKeys: [(key: String, value: String?)] {
        [("model", model), ("small_model", smallModel)]
    }

    /// The complete document for a new file, keys in a fixed order.
    public var document: JSONValue {
        var root = JSONObject()
        root.append("$schema", .string(Self.schemaURL))
        if !providers.isEmpty { root.append("provider", .object(providers)) }
        if let model { root.append("model", .string(model)) }
        if let smallModel { root.append("small_model", .string(smallModel)) }
        if let enabledProviders { root.append("enabled_providers", .array(enabledProviders.map(JSONValue.string))) }
        return .object(root)
    }
}
