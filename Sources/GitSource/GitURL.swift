/// A repository URL taken apart the way git reads it, so GitSource can pick credentials, name
/// the SSH host for known_hosts, and show the URL without secrets.
public struct GitURL: Sendable, Equatable {
    public enum Transport: String, Sendable {
        case local, git, http, https, ssh
    }

    public var transport: Transport
    public var user: String?
    /// nil for local repositories.
    public var host: String?
    /// The port in the URL; nil means the transport's default.
    public var port: Int?
    public var path: String
    /// `user@host:path`, git's scp-like syntax (ssh, always port 22).
    public var isScpLike: Bool
    /// The URL as given, with any password replaced by `***`.
    public var redacted: String

    public var effectivePort: Int? {
        if let port { return port }
        switch transport {
        case .local: return nil
        case .git: return 9418
        case .http: return 80
        case .https: return 443
        case .ssh: return 22
        }
    }

    /// The host as OpenSSH writes it in known_hosts: `host`, or `[host]:port` off port 22.
    public var knownHostsName: String? {
        guard let host else { return nil }
        let port = effectivePort ?? 22
        return port == 22 ? host : "[\(host)]:\(port)"
    }

    public init(parsing text: String) throws(GitSourceError) {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .invalidURL(text, reason: "it is empty") }
        if let range = trimmed.firstRange(of: "://") {
            let scheme = trimmed[..<range.lowerBound].lowercased()
            self = try Self.schemeURL(scheme, rest: String(trimmed[range.upperBound...]), original: trimmed)
        } else if let scp = Self.scpLikeParts(trimmed) {
            guard !scp.host.isEmpty, !scp.path.isEmpty else {
                throw .invalidURL(text, reason: "an scp-like URL needs user@host:path")
            }
            self.init(transport: .ssh, user: scp.user, host: scp.host, port: nil, path: scp.path,
                      isScpLike: true, redacted: trimmed)
        } else {
            self.init(transport: .local, user: nil, host: nil, port: nil, path: trimmed, isScpLike: false, redacted: trimmed)
        }
    }

    private init(
        transport: Transport, user: String?, host: String?, port: Int?, path: String, isScpLike: Bool, redacted: String
    ) {
        self.transport = transport
        self.user = user
        self.host = host
        self.port = port
        self.path = path
        self.isScpLike = isScpLike
        self.redacted = redacted
    }

    private static func schemeURL(_ scheme: String, rest: String, original: String) throws(GitSourceError) -> GitURL {
        let transport: Transport
        switch scheme {
        case "file":
            let path = rest.hasPrefix("/") ? rest : "/" + rest.drop { $0 != "/" }
            return GitURL(transport: .local, user: nil, host: nil, port: nil, path: path, isScpLike: false, redacted: original)
        case "git": transport = .git
        case "http": transport = .http
        case "https": transport = .https
        case "ssh", "git+ssh", "ssh+git": transport = .ssh
        default: throw .invalidURL(original, reason: "unsupported scheme '\(scheme)'")
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        let path = authorityEnd == rest.endIndex ? "/" : String(rest[authorityEnd...])
        var user: String?
        var hadPassword = false
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = String(authority[authority.index(after: at)...])
            if let colon = userInfo.firstIndex(of: ":") {
                user = String(userInfo[..<colon])
                hadPassword = true
            } else {
                user = String(userInfo)
            }
        }
        let (host, port) = try hostAndPort(authority, original: original)
        guard !host.isEmpty else { throw .invalidURL(original, reason: "it names no host") }
        var redacted = original
        if hadPassword {
            let userPart = user.map { "\($0):***@" } ?? "***@"
            let hostPart = host.contains(":") ? "[\(host)]" : host
            redacted = "\(scheme)://\(userPart)\(hostPart)\(port.map { ":\($0)" } ?? "")\(path)"
        }
        return GitURL(transport: transport, user: user, host: host, port: port, path: path, isScpLike: false, redacted: redacted)
    }

    private static func hostAndPort(_ authority: String, original: String) throws(GitSourceError) -> (String, Int?) {
        var hostPart = Substring(authority)
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidURL(original, reason: "unclosed '[' in the host")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard let portPart, !portPart.isEmpty else { return (String(hostPart), nil) }
        guard let port = Int(portPart), (1...65535).contains(port) else {
            throw .invalidURL(original, reason: "'\(portPart)' is not a port number")
        }
        return (String(hostPart), port)
    }

    /// git treats `[user@]host:path` as ssh when a colon comes before any slash.
    private static func scpLikeParts(_ text: String) -> (user: String?, host: String, path: String)? {
        var rest = Substring(text)
        var user: String?
        if let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/"), !rest[..<at].contains(":") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"),
                  rest[rest.index(after: close)...].hasPrefix(":") else { return nil }
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            return (user, host, String(rest[rest.index(close, offsetBy: 2)...]))
        }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let host = rest[..<colon]
        if host.contains("/") { return nil }
        return (user, String(host), String(rest[rest.index(after: colon)...]))
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
