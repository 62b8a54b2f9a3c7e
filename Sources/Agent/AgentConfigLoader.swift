import GitSource
import JSONCore
import ProviderSpec
import Sync
import SystemIO
import Workstation

/// agent.yaml as read: the configuration when it is valid, and every problem found.
public struct LoadedAgentConfig: Sendable {
    public var file: String
    /// The text, so diagnostics can show the line they point at.
    public var text: String
    public var config: AgentConfig?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// agent.yaml is missing or unreadable (as opposed to invalid).
public struct AgentConfigReadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var missing: Bool
    public var reason: String

    public var description: String {
        missing ? "there is no agent configuration at \(file); write one with: provider-sync agent init --url URL"
            : "cannot read the agent configuration \(file): \(reason)"
    }
}

/// Reads agent.yaml: YAML -> schema (positioned diagnostics) -> the checks between fields
/// that the schema cannot express -> `AgentConfig` with defaults and absolute paths.
public enum AgentConfigLoader {
    public static func load(path: String, locations: Locations) throws(AgentConfigReadError) -> LoadedAgentConfig {
        let bytes: [UInt8]?
        do {
            bytes = try FileReader.read(path)
        } catch {
            throw AgentConfigReadError(file: path, missing: false, reason: "\(error)")
        }
        guard let bytes else { throw AgentConfigReadError(file: path, missing: true, reason: "") }
        return load(bytes: bytes, file: path, locations: locations)
    }

    public static func load(bytes: [UInt8], file: String, locations: Locations) -> LoadedAgentConfig {
        let document = SchemaDocumentLoader.agent.load(bytes: bytes, file: file)
        var result = LoadedAgentConfig(file: file, text: String(decoding: bytes, as: UTF8.self), config: nil,
                                       diagnostics: document.diagnostics)
        guard !document.hasErrors, let root = document.value else { return result }
        let paths = ConfigPaths(configFile: file, locations: locations)
        var decoder = AgentConfigDecoder(document: document, paths: paths, bounds: IntervalBounds(environment: locations.environment))
        let config = decoder.decode(root)
        result.diagnostics += decoder.diagnostics
        if !result.hasErrors { result.config = config }
        return result
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

/// A document that passed the schema -> `AgentConfig`, checking what the schema cannot.
struct AgentConfigDecoder {
    let document: LoadedDocument
    let paths: ConfigPaths
    let bounds: IntervalBounds
    var diagnostics: [Diagnostic] = []

    init(document: LoadedDocument, paths: ConfigPaths, bounds: IntervalBounds) {
        self.document = document
        self.paths = paths
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
        return config
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
            return try paths.resolve(text)
        } catch {
            report(at: tokens, "\(error)", hint: "write an absolute path, or set the variable", code: "agent.location")
            return nil
        }
    }

    /// A target name as it is, a target path made absolute.
    private mutating func target(_ value: JSONValue, at tokens: [String]) -> Target? {
        guard let target = value.stringValue.flatMap(Target.init(parsing:)) else { return nil }
        do {
            return try paths.locations.resolving(target, from: paths.folder)
        } catch {
            report(at: tokens, "\(error)", hint: "write an absolute path, or set the variable", code: "agent.location")
            return nil
        }
    }

    private mutating func report(at tokens: [String], _ message: String, hint: String?, code: String) {
        diagnostics.append(document.diagnostic(.error, at: JSONPointer(tokens), message: message, hint: hint, code: code))
    }
}
