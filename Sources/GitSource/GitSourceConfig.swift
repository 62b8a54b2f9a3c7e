/// Where the team repository lives and how to reach it.
public struct GitSourceConfig: Sendable, Equatable {
    /// `file://`, a local path, `git://`, `http(s)://`, `ssh://` or scp-like `user@host:path`.
    public var url: String
    /// The one branch the mirror follows (`main`, not `refs/heads/main`).
    public var branch: String
    /// Credentials; nil for anonymous access.
    public var auth: GitAuth?
    /// PEM bundle of CA certificates for https. libgit2 keeps one TLS configuration per
    /// process, so this replaces the system store for every https remote in the process.
    public var caFile: String?
    /// known_hosts file that SSH host keys are checked against; nil means `~/.ssh/known_hosts`.
    public var knownHosts: String?
    public var timeouts: GitTimeouts

    public init(
        url: String, branch: String = "main", auth: GitAuth? = nil,
        caFile: String? = nil, knownHosts: String? = nil, timeouts: GitTimeouts = GitTimeouts()
    ) {
        self.url = url
        self.branch = branch
        self.auth = auth
        self.caFile = caFile
        self.knownHosts = knownHosts
        self.timeouts = timeouts
    }
}

/// Credentials for the remote. Key and agent auth apply to ssh, tokens to http(s).
public enum GitAuth: Sendable, Equatable {
    /// HTTP Basic with a token as the password (GitHub, GitLab, Gitea all accept this).
    case token(username: String, token: String)
    /// Key files on disk. `username` overrides the one in the URL; `publicKey` may be nil
    /// when libssh2 can derive it from the private key.
    case sshKey(username: String?, privateKey: String, publicKey: String?, passphrase: String?)
    /// Identities offered by the running ssh-agent (`SSH_AUTH_SOCK`).
    case sshAgent(username: String?)
}

/// Deadlines for network steps. libgit2 1.5 has none of its own, so GitSource enforces them.
public struct GitTimeouts: Sendable, Equatable {
    /// For one TCP connect.
    public var connect: Duration
    /// For a whole ls-remote or fetch, from the first connect to the last byte.
    public var operation: Duration

    public init(connect: Duration = .seconds(10), operation: Duration = .seconds(120)) {
        self.connect = connect
        self.operation = operation
    }
}
