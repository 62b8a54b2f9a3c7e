internal import GitSource
public import JSONCore
internal import ProviderSpec
internal import Redaction
internal import Workstation

/// One file of the agent's configuration: an administrator's system-wide defaults
/// (`/etc/provider-sync/agent.yaml`), or the user's own agent.yaml read over them.
public struct AgentConfigLayer: Sendable {
    public enum Kind: String, Sendable {
        case system, user
    }

    public var kind: Kind
    public var file: String
    /// The text, so diagnostics can show the line they point at.
    public var text: String
    let document: LoadedDocument
    let paths: ConfigPaths
}

/// A setting of agent.yaml as `agent status` shows it: its value and the file it came from.
public struct AgentSetting: Sendable, Equatable {
    /// Its path in agent.yaml: `source.url`, `interval`, `notify.webhook`...
    public var name: String
    /// As written (a URL without credentials, a webhook's header names only); the default
    /// when no file sets it; null when there is none.
    public var value: JSONValue
    /// The file that set it; nil for the default.
    public var file: String?

    public init(name: String, value: JSONValue, file: String?) {
        self.name = name
        self.value = value
        self.file = file
    }
}

/// The files of agent.yaml merged, later ones winning: the top level and `source`, `metrics`
/// and `notify` merge key by key; any other value is replaced whole. So lists (`targets`) are
/// replaced, not merged, and so are `source.auth` (one credential: a user's `sshKey` next to
/// the administrator's `keyring` would be two), `source.verify` (whose keys the user trusts)
/// and `notify.webhook` (the administrator's headers, a token perhaps, never go to a URL the
/// user set).
struct LayeredAgentDocument {
    static let mergedObjects: Set<[String]> = [[], ["source"], ["metrics"], ["notify"]]

    let layers: [AgentConfigLayer]
    private(set) var value: JSONValue = .object(JSONObject())
    /// The layer that set each value replaced whole, by its path.
    private(set) var origins: [[String]: Int] = [:]

    init(layers: [AgentConfigLayer]) {
        precondition(!layers.isEmpty, "agent.yaml has at least one file")
        self.layers = layers
        for (index, layer) in layers.enumerated() {
            if let top = layer.document.value { value = merge(value, top, at: [], layer: index) }
        }
    }

    private mutating func merge(_ base: JSONValue?, _ over: JSONValue, at path: [String], layer: Int) -> JSONValue {
        guard Self.mergedObjects.contains(path), case .object(let members) = over else {
            origins = origins.filter { !$0.key.starts(with: path) }
            origins[path] = layer
            return over
        }
        var merged = base?.objectValue ?? JSONObject()
        for (key, member) in members { merged[key] = merge(merged[key], member, at: path + [key], layer: layer) }
        return .object(merged)
    }

    /// The file that set the value at `tokens`, or the nearest value above it; the last file
    /// when none did.
    func layer(for tokens: [String]) -> AgentConfigLayer {
        for length in stride(from: tokens.count, through: 0, by: -1) {
            if let index = origins[Array(tokens.prefix(length))] { return layers[index] }
        }
        return layers[layers.count - 1]
    }

    /// How a path in the value at `tokens` is made absolute: from its own file's folder.
    func paths(for tokens: [String]) -> ConfigPaths { layer(for: tokens).paths }

    /// The repository must be set by one of the files: the schema's `required`, which each
    /// file alone is not held to.
    func missingRequired() -> Diagnostic? {
        let system = layers.first { $0.kind == .system }
        let hint: String?
        switch (system, layers.contains { $0.kind == .user }) {
        case (let system?, true): hint = "set it here, or for every user in \(system.file)"
        case (_?, false): hint = "set it here, or in the user's own agent.yaml (provider-sync agent init --url URL)"
        default: hint = nil
        }
        let last = layers[layers.count - 1]
        guard value["source"] != nil else {
            return last.document.diagnostic(.error, at: JSONPointer([]), message: "missing required property 'source'", hint: hint,
                                            code: "schema.required")
        }
        guard value["source"]?["url"] == nil else { return nil }
        let holder = layers.last { $0.document.value?["source"] != nil } ?? last
        return holder.document.diagnostic(.error, at: JSONPointer(["source"]), message: "missing required property 'url'",
                                          hint: hint, code: "schema.required")
    }

    /// Every setting in the schema's order, with its value and the file it came from.
    var settings: [AgentSetting] {
        Self.settingNames.map { name in
            let tokens = name.split(separator: ".").map(String.init)
            guard let found = value.value(at: JSONPointer(tokens)) else {
                return AgentSetting(name: name, value: Self.defaults[name] ?? .null, file: nil)
            }
            return AgentSetting(name: name, value: Self.shown(found, name: name), file: layer(for: tokens).file)
        }
    }

    static let settingNames = [
        "source.url", "source.branch", "source.path", "source.auth", "source.verify", "source.caFile", "source.knownHosts",
        "interval", "driftInterval", "targets", "secrets", "onDrift", "healthCheck", "metrics.textfile", "notify.webhook",
    ]

    static let defaults: [String: JSONValue] = [
        "source.branch": .string(AgentConfig.defaultBranch), "source.path": .string(AgentConfig.defaultPath),
        "interval": .string(DurationText.format(AgentConfig.defaultInterval)),
        "driftInterval": .string(DurationText.format(AgentConfig.defaultDriftInterval)),
        "targets": .array(AgentConfig.defaultTargets.map { .string($0.description) }),
        "onDrift": .string(AgentConfig.DriftAction.reapply.rawValue), "healthCheck": .bool(false),
    ]

    /// What status may show of a value: no credentials of a URL, no header values, no more of
    /// a webhook's URL than its origin (Slack's and Teams' carry their secret in the path).
    private static func shown(_ value: JSONValue, name: String) -> JSONValue {
        switch name {
        case "source.url":
            guard let text = value.stringValue else { return value }
            return .string((try? GitURL(parsing: text).redacted) ?? SecretRedactor.shared.redact(text))
        case "notify.webhook":
            var o = JSONObject()
            o["url"] = value["url"]?.stringValue.map { .string(WebhookURL.origin($0)) } ?? .null
            o["headers"] = .array((value["headers"]?.objectValue?.keys ?? []).map { .string($0) })
            return .object(o)
        default:
            return value
        }
    }
}
