/// A validated provider spec (format version 1): what the YAML file says, after the schema and
/// the semantic checks passed. Order is the order of the file.
public struct Spec: Sendable, Equatable {
    public var version: Int
    public var providers: [Provider]
    public var model: ModelReference?
    public var smallModel: ModelReference?
    /// How keychain keys reach OpenCode; nil means the default, inline.
    public var secrets: SecretsMode?

    public init(version: Int = 1, providers: [Provider], model: ModelReference? = nil, smallModel: ModelReference? = nil,
                secrets: SecretsMode? = nil) {
        self.version = version
        self.providers = providers
        self.model = model
        self.smallModel = smallModel
        self.secrets = secrets
    }

    public func provider(_ id: String) -> Provider? { providers.first { $0.id == id } }
}

/// How a keychain key is rendered into opencode.json.
public enum SecretsMode: String, Sendable, CaseIterable {
    /// The value itself, in a file that is then mode 0600 (what the Openwork guide describes).
    case inline
    /// `{file:PATH}` naming a 0600 file of this tool's that holds the value, so opencode.json
    /// itself holds no secret.
    case file
    /// OpenCode's own credential store, auth.json (`{"<id>": {"type": "api", "key": ...}}`,
    /// 0600), and no `apiKey` in opencode.json at all, which would win over it.
    case auth
}

/// One OpenAI-compatible server and the models it serves.
public struct Provider: Sendable, Equatable {
    public var id: String
    public var name: String
    public var preset: Preset?
    /// The "Server URL" as typed; `baseURL` is derived from it and the preset.
    public var url: String
    public var apiKey: SecretReference?
    /// Extra HTTP headers, in the order of the file.
    public var headers: [Header]
    /// Query parameters added to every request URL (Azure's `api-version`), in the order of
    /// the file; rendered as `options.queryParams` of @ai-sdk/openai-compatible.
    public var queryParams: [QueryParameter]
    /// Request timeout in milliseconds.
    public var timeout: Int?
    /// A PEM file of the CA behind the server's certificate; only the probe reads it (OpenCode
    /// is told through NODE_EXTRA_CA_CERTS).
    public var caFile: String?
    public var models: [Model]

    public init(id: String, name: String, preset: Preset? = nil, url: String, apiKey: SecretReference? = nil,
                headers: [Header] = [], queryParams: [QueryParameter] = [], timeout: Int? = nil, caFile: String? = nil,
                models: [Model]) {
        self.id = id
        self.name = name
        self.preset = preset
        self.url = url
        self.apiKey = apiKey
        self.headers = headers
        self.queryParams = queryParams
        self.timeout = timeout
        self.caFile = caFile
        self.models = models
    }
}

public struct Header: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct QueryParameter: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct Model: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// Context window and output limit, in tokens; OpenCode needs both or neither.
    public var limit: Limit?
    public var toolCall: Bool?
    public var reasoning: Bool?
    public var attachment: Bool?

    public struct Limit: Sendable, Equatable {
        public var context: Int
        public var output: Int

        public init(context: Int, output: Int) {
            self.context = context
            self.output = output
        }
    }

    public init(id: String, name: String? = nil, limit: Limit? = nil, toolCall: Bool? = nil, reasoning: Bool? = nil, attachment: Bool? = nil) {
        self.id = id
        self.name = name
        self.limit = limit
        self.toolCall = toolCall
        self.reasoning = reasoning
        self.attachment = attachment
    }
}

/// Where an API key comes from. Never a literal: the spec lives in git.
public enum SecretReference: Sendable, Equatable, Hashable {
    /// An item in the OS keychain, stored with `provider-sync secret set NAME`.
    case keyring(String)
    /// An environment variable; OpenCode reads it at start-up (`{env:VAR}`).
    case env(String)
    /// A file holding the key; OpenCode reads it (`{file:PATH}`).
    case file(String)
}

/// "<providerId>/<modelId>", split on the first '/' as OpenCode does.
public struct ModelReference: Sendable, Equatable, CustomStringConvertible {
    public var providerID: String
    public var modelID: String

    public init(providerID: String, modelID: String) {
        self.providerID = providerID
        self.modelID = modelID
    }

    public init?(parsing text: String) {
        // The first '/' scalar, as OpenCode splits: as a Character, "/" and a combining mark
        // after it are one, and a Character search would not find it.
        let scalars = text.unicodeScalars
        guard let slash = scalars.firstIndex(of: "/") else { return nil }
        let provider = String(scalars[..<slash])
        let model = String(scalars[scalars.index(after: slash)...])
        guard !provider.isEmpty, !model.isEmpty else { return nil }
        self.init(providerID: provider, modelID: model)
    }

    public var description: String { "\(providerID)/\(modelID)" }
}
