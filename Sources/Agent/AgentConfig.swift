public import ProviderSpec
public import Workstation

/// How the agent on one workstation follows the team repository (agent.yaml). The schema in
/// schemas/agent.schema.json is the source of truth; this is its decoded form, with defaults
/// filled in and file paths made absolute.
public struct AgentConfig: Sendable, Equatable {
    public static let defaultBranch = "main"
    public static let defaultPath = "providers.yaml"
    public static let defaultInterval: Duration = .seconds(300)
    public static let defaultDriftInterval: Duration = .seconds(1800)
    public static let defaultTargets = [Target.default]

    /// Credentials for the repository.
    public enum Auth: Sendable, Equatable {
        /// An https token kept in the keychain under `keyring`.
        case token(keyring: String, username: String?)
        case sshKey(path: String, username: String?)
        case sshAgent(username: String?)
    }

    /// Whose signatures make a commit trusted; nil fields are not configured.
    public struct Verification: Sendable, Equatable {
        public var allowedSigners: String?
        public var gpgKeyring: String?

        public init(allowedSigners: String? = nil, gpgKeyring: String? = nil) {
            self.allowedSigners = allowedSigners
            self.gpgKeyring = gpgKeyring
        }
    }

    /// Where events are POSTed (`notify.webhook`).
    public struct Webhook: Sendable, Equatable {
        /// A header's value: written in agent.yaml, or kept out of it (the keychain, a variable).
        public enum Value: Sendable, Equatable {
            case text(String)
            case secret(SecretReference)
        }

        public var url: String
        /// In the file's order.
        public var headers: [(name: String, value: Value)]

        public init(url: String, headers: [(name: String, value: Value)] = []) {
            self.url = url
            self.headers = headers
        }

        public static func == (a: Webhook, b: Webhook) -> Bool {
            a.url == b.url && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
        }
    }

    public enum DriftAction: String, Sendable, CaseIterable {
        /// Put owned keys edited by hand back.
        case reapply
        /// Only say so in the status and the log.
        case report
    }

    public var url: String
    public var branch: String
    /// A spec file in the repository, or a folder of them.
    public var path: String
    public var auth: Auth?
    public var verify: Verification?
    public var caFile: String?
    public var knownHosts: String?
    public var interval: Duration
    public var driftInterval: Duration
    /// Targets known by name, or absolute file paths.
    public var targets: [Target]
    /// Overrides the spec's own `secrets`; nil keeps the spec's.
    public var secrets: SecretsMode?
    public var onDrift: DriftAction
    /// Probe the applied spec's providers after each apply and on the drift interval.
    public var healthCheck: Bool
    /// The Prometheus textfile written after every cycle (`metrics.textfile`).
    public var metricsFile: String?
    public var webhook: Webhook?

    public init(url: String, branch: String = AgentConfig.defaultBranch, path: String = AgentConfig.defaultPath,
                auth: Auth? = nil, verify: Verification? = nil, caFile: String? = nil, knownHosts: String? = nil,
                interval: Duration = AgentConfig.defaultInterval, driftInterval: Duration = AgentConfig.defaultDriftInterval,
                targets: [Target] = AgentConfig.defaultTargets, secrets: SecretsMode? = nil, onDrift: DriftAction = .reapply,
                healthCheck: Bool = false, metricsFile: String? = nil, webhook: Webhook? = nil) {
        self.url = url
        self.branch = branch
        self.path = path
        self.auth = auth
        self.verify = verify
        self.caFile = caFile
        self.knownHosts = knownHosts
        self.interval = interval
        self.driftInterval = driftInterval
        self.targets = targets
        self.secrets = secrets
        self.onDrift = onDrift
        self.healthCheck = healthCheck
        self.metricsFile = metricsFile
        self.webhook = webhook
    }
}
