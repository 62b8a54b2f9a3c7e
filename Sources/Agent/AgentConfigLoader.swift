internal import GitSource
internal import JSONCore
public import ProviderSpec
internal import Sync
public import SystemIO
public import Workstation

/// agent.yaml as read: the configuration when it is valid, every problem found, and the
/// files it was read from (the system-wide defaults first, then the user's own).
public struct LoadedAgentConfig: Sendable {
    /// The user's agent.yaml (whether or not it exists).
    public var file: String
    public var layers: [AgentConfigLayer]
    public var config: AgentConfig?
    public var diagnostics: [Diagnostic]
    /// Which file each setting came from, in the schema's order.
    public var settings: [AgentSetting]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The text of `file`, so a diagnostic can show the line it points at.
    public func text(of file: String) -> String? { layers.first { $0.file == file }?.text }
}

/// agent.yaml is missing or unreadable (as opposed to invalid).
public struct AgentConfigReadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// Why it could not be read; nil when there is no file at all.
    public var cause: FileAccessError?

    public var missing: Bool { cause == nil }

    public var description: String {
        guard let cause else { return "there is no agent configuration at \(file); write one with: provider-sync agent init --url URL" }
        return "cannot read the agent configuration \(file): \(cause)"
    }
}

/// The bytes of one file of the configuration, before they are read.
public struct AgentConfigSource: Sendable {
    public var kind: AgentConfigLayer.Kind
    public var file: String
    public var bytes: [UInt8]

    public init(kind: AgentConfigLayer.Kind, file: String, bytes: [UInt8]) {
        self.kind = kind
        self.file = file
        self.bytes = bytes
    }
}

/// Reads agent.yaml: the system-wide defaults and the user's file, each YAML -> schema
/// (positioned diagnostics), merged (`LayeredAgentDocument`), then the checks between fields
/// that the schema cannot express -> `AgentConfig` with defaults and absolute paths.
public enum AgentConfigLoader {
    /// The user's agent.yaml at `path` over the system-wide one; missing when neither exists.
    public static func load(path: String, locations: Locations) throws(AgentConfigReadError) -> LoadedAgentConfig {
        var sources: [AgentConfigSource] = []
        if let system = try systemSource(locations) { sources.append(system) }
        if let bytes = try read(path) { sources.append(AgentConfigSource(kind: .user, file: path, bytes: bytes)) }
        guard !sources.isEmpty else { throw AgentConfigReadError(file: path, cause: nil) }
        return load(sources, userFile: path, locations: locations)
    }

    /// One file alone, as the user's.
    public static func load(bytes: [UInt8], file: String, locations: Locations) -> LoadedAgentConfig {
        load([AgentConfigSource(kind: .user, file: file, bytes: bytes)], userFile: file, locations: locations)
    }

    /// The system-wide defaults: the first of `systemAgentConfigCandidates()` that exists.
    public static func systemSource(_ locations: Locations) throws(AgentConfigReadError) -> AgentConfigSource? {
        for file in locations.systemAgentConfigCandidates() {
            if let bytes = try read(file) { return AgentConfigSource(kind: .system, file: file, bytes: bytes) }
        }
        return nil
    }

    /// `sources` in order, later ones winning.
    public static func load(_ sources: [AgentConfigSource], userFile: String, locations: Locations) -> LoadedAgentConfig {
        let layers = sources.map { source in
            AgentConfigLayer(kind: source.kind, file: source.file, text: String(decoding: source.bytes, as: UTF8.self),
                             document: SchemaDocumentLoader.agentLayer.load(bytes: source.bytes, file: source.file),
                             paths: ConfigPaths(configFile: source.file, locations: locations))
        }
        var result = LoadedAgentConfig(file: userFile, layers: layers, config: nil,
                                       diagnostics: layers.flatMap(\.document.diagnostics), settings: [])
        guard !result.hasErrors, layers.allSatisfy({ $0.document.value != nil }) else { return result }
        let document = LayeredAgentDocument(layers: layers)
        result.settings = document.settings
        if let missing = document.missingRequired() {
            result.diagnostics.append(missing)
            return result
        }
        var decoder = AgentConfigDecoder(document: document, bounds: IntervalBounds(environment: locations.environment))
        let config = decoder.decode(document.value)
        result.diagnostics += decoder.diagnostics
        if !result.hasErrors { result.config = config }
        return result
    }

    private static func read(_ file: String) throws(AgentConfigReadError) -> [UInt8]? {
        do {
            return try FileReader.read(file)
        } catch {
            throw AgentConfigReadError(file: file, cause: error)
        }
    }
}

/// Paths in agent.yaml: `~/` is the home folder, a relative path is relative to agent.yaml's folder.
struct ConfigPaths {
    var configFile: String
    var locations: Locations

    var folder: String { locations.parent(of: configFile) }

    func resolve(_ path: String) throws(LocationError) -> String {
        try locations.absolute(path, from: folder)
    }
}

/// The shortest and longest `interval` and `driftInterval`: polling more often than once a
/// second is load on the git host for nothing, and a wait beyond a day is a typo. The floor
/// can be lowered by `PROVIDER_SYNC_MIN_INTERVAL_MS` (benchmarks and tests that poll fast).
public struct IntervalBounds: Sendable {
    public static let variable = Variable.minimumIntervalMilliseconds
    public static let standardMinimum: Duration = .seconds(1)
    public static let maximum: Duration = .seconds(24 * 3600)

    public var minimum: Duration

    public init(environment: Environment) {
        let lowered = environment[Self.variable].flatMap(Int64.init).flatMap { $0 > 0 ? $0 : nil }
        minimum = lowered.map { min(.milliseconds($0), Self.standardMinimum) } ?? Self.standardMinimum
    }
}

/// Settings that passed the schema -> `AgentConfig`, checking what the schema cannot. Each
/// problem is reported in the file that gave the setting, and each relative path is taken
/// from that file's folder.
struct AgentConfigDecoder {
    let document: LayeredAgentDocument
    let bounds: IntervalBounds
    var diagnostics: [Diagnostic] = []

    init(document: LayeredAgentDocument, bounds: IntervalBounds) {
        self.document = document
        self.bounds = bounds
    }

    mutating func decode(_ root: JSONValue) -> AgentConfig {
        let source = root["source"] ?? .null
        let url = source["url"]?.stringValue ?? ""
        var config = AgentConfig(url: url)
        config.branch = source["branch"]?.stringValue ?? AgentConfig.defaultBranch
        config.path = source["path"]?.stringValue ?? AgentConfig.defaultPath
        checkPath(config.path)
        let transport = checkURL(url)
        config.auth = auth(source["auth"], transport: transport)
        if let verify = source["verify"] {
            config.verify = AgentConfig.Verification(allowedSigners: path(verify["allowedSigners"], at: ["source", "verify", "allowedSigners"]),
                                                     gpgKeyring: path(verify["gpgKeyring"], at: ["source", "verify", "gpgKeyring"]))
        }
        config.caFile = path(source["caFile"], at: ["source", "caFile"])
        config.knownHosts = path(source["knownHosts"], at: ["source", "knownHosts"])
        if let d = interval(root, "interval") { config.interval = d }
        if let d = interval(root, "driftInterval") { config.driftInterval = d }
        if let list = root["targets"]?.arrayValue {
            config.targets = list.indices.compactMap { target(list[$0], at: ["targets", String($0)]) }
        }
        config.secrets = root["secrets"]?.stringValue.flatMap(SecretsMode.init(rawValue:))
        config.onDrift = root["onDrift"]?.stringValue.flatMap(AgentConfig.DriftAction.init(rawValue:)) ?? .reapply
        config.healthCheck = root["healthCheck"]?.boolValue ?? false
        config.metricsFile = path(root["metrics"]?["textfile"], at: ["metrics", "textfile"])
        config.webhook = root["notify"]?["webhook"].map(webhook)
        return config
    }

    /// `notify.webhook`: the schema checked its shape.
    private func webhook(_ value: JSONValue) -> AgentConfig.Webhook {
        let headers = (value["headers"]?.objectValue ?? JSONObject()).compactMap { member -> (name: String, value: AgentConfig.Webhook.Value)? in
            if let text = member.value.stringValue { return (member.key, .text(text)) }
            if let name = member.value["keyring"]?.stringValue { return (member.key, .secret(.keyring(name))) }
            if let variable = member.value["env"]?.stringValue { return (member.key, .secret(.env(variable))) }
            return nil
        }
        return AgentConfig.Webhook(url: value["url"]?.stringValue ?? "", headers: headers)
    }

    /// A duration within the bounds, or nil with an error at its place (too short, too long,
    /// or a number too large to hold: never a silent default).
    private mutating func interval(_ root: JSONValue, _ key: String) -> Duration? {
        guard let text = root[key]?.stringValue else { return nil }
        let range = "from \(DurationText.format(bounds.minimum)) to \(DurationText.format(IntervalBounds.maximum))"
        guard let duration = DurationText.parse(text), duration <= IntervalBounds.maximum else {
            report(at: [key], "\(key) '\(text)' is too long: at most \(DurationText.format(IntervalBounds.maximum))",
                   hint: "write a duration \(range), e.g. 5m", code: "agent.interval")
            return nil
        }
        guard duration >= bounds.minimum else {
            report(at: [key], "\(key) '\(text)' is too short: at least \(DurationText.format(bounds.minimum))",
                   hint: "write a duration \(range), e.g. 5m (\(IntervalBounds.variable) lowers the floor for benchmarks and tests)",
                   code: "agent.interval")
            return nil
        }
        return duration
    }

    private mutating func checkURL(_ url: String) -> GitURL.Transport? {
        do {
            return try GitURL(parsing: url).transport
        } catch {
            report(at: ["source", "url"], "\(error)", hint: "write https://host/team/repo.git, ssh://git@host/team/repo.git, git@host:team/repo.git or file:///path",
                   code: "agent.url")
            return nil
        }
    }

    /// The spec is read from the repository's tree: its path must stay inside it.
    private mutating func checkPath(_ path: String) {
        guard let problem = TreePath.problem(path) else { return }
        report(at: ["source", "path"], "invalid spec path '\(path)': \(problem)",
               hint: "the path of the spec file (or folder) inside the repository, e.g. providers.yaml or providers.d",
               code: "agent.path")
    }

    private mutating func auth(_ value: JSONValue?, transport: GitURL.Transport?) -> AgentConfig.Auth? {
        guard let value else { return nil }
        let at = ["source", "auth"]
        let username = value["username"]?.stringValue
        let keyring = value["keyring"]?.stringValue
        let key = value["sshKey"]?.stringValue
        let agent = value["sshAgent"]?.boolValue == true
        let kinds = [keyring != nil ? "keyring" : nil, key != nil ? "sshKey" : nil, agent ? "sshAgent" : nil].compactMap { $0 }
        guard kinds.count == 1 else {
            let message = kinds.isEmpty ? "auth names no credential" : "auth names \(kinds.joined(separator: " and ")); give one"
            report(at: at, message, hint: "https: {keyring: NAME, username: USER}; ssh: {sshKey: PATH} or {sshAgent: true}",
                   code: "agent.auth")
            return nil
        }
        let http = transport == .http || transport == .https
        if keyring != nil, let transport, !http {
            report(at: at + ["keyring"], "a keychain token works over https:// only, and the URL uses \(transport.rawValue)",
                   hint: "for ssh use sshKey or sshAgent", code: "agent.auth")
        }
        if keyring == nil, let transport, transport != .ssh {
            report(at: at + [kinds[0]], "\(kinds[0]) works over ssh only, and the URL uses \(transport.rawValue)",
                   hint: "for https keep a token in the keychain: {keyring: NAME}", code: "agent.auth")
        }
        if let keyring { return .token(keyring: keyring, username: username) }
        if key != nil { return path(value["sshKey"], at: at + ["sshKey"]).map { .sshKey(path: $0, username: username) } }
        return .sshAgent(username: username)
    }

    /// A path setting made absolute; an error at its place when it needs a home folder that
    /// the environment does not give.
    private mutating func path(_ value: JSONValue?, at tokens: [String]) -> String? {
        guard let text = value?.stringValue else { return nil }
        do {
            return try document.paths(for: tokens).resolve(text)
        } catch {
            report(at: tokens, "\(error)", hint: "write an absolute path, or set the variable", code: "agent.location")
            return nil
        }
    }

    /// A target name as it is, a target path made absolute.
    private mutating func target(_ value: JSONValue, at tokens: [String]) -> Target? {
        guard let target = value.stringValue.flatMap(Target.init(parsing:)) else { return nil }
        let paths = document.paths(for: tokens)
        do {
            return try paths.locations.resolving(target, from: paths.folder)
        } catch {
            report(at: tokens, "\(error)", hint: "write an absolute path, or set the variable", code: "agent.location")
            return nil
        }
    }

    private mutating func report(at tokens: [String], _ message: String, hint: String?, code: String) {
        diagnostics.append(document.layer(for: tokens).document.diagnostic(.error, at: JSONPointer(tokens), message: message,
                                                                            hint: hint, code: code))
    }
}
