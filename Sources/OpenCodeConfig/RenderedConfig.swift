import JSONCore

/// The part of opencode.json this tool decides: its providers and the default models.
/// `merge` puts it into the file on disk; `document` is the whole file when there is none.
public struct RenderedConfig: Sendable, Equatable {
    public static let schemaURL = "https://opencode.ai/config.json"

    /// `provider.<id>` values, in the order of the spec.
    public var providers: JSONObject
    /// `model`: "<providerId>/<modelId>".
    public var model: String?
    /// `small_model`.
    public var smallModel: String?

    public init(providers: JSONObject = JSONObject(), model: String? = nil, smallModel: String? = nil) {
        self.providers = providers
        self.model = model
        self.smallModel = smallModel
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
        return .object(root)
    }
}
