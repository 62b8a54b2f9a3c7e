internal import CGit2
import FoundationEssentials

/// Checks the SSH server's host key against the configured known_hosts file. libgit2 1.5
/// only knows `~/.ssh/known_hosts`; GitSource decides itself so the file can be the agent's.
enum HostKeyCheck {
    static func check(_ hostkey: git_cert_hostkey, session: NetworkSession) -> Int32 {
        let file = session.config.knownHosts ?? defaultKnownHosts
        let name = session.url.knownHostsName ?? "?"
        guard hostkey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostkey.hostkey else {
            return refuse(session, .git(step: session.step, message: "the SSH server sent no host key"))
        }
        let key = Array(UnsafeRawBufferPointer(start: raw, count: hostkey.hostkey_len))
        let print = fingerprint(hostkey, keyType: SSHWireReader(key).firstString ?? "key")
        guard let known = KnownHosts(path: file) else {
            let why = FileManager.default.fileExists(atPath: file) ? "cannot be read" : "does not exist"
            return refuse(session, .hostKeyUnknown(host: name, fingerprint: print, knownHosts: "\(file) (it \(why))",
                                                   addCommand: addCommand(session, file)))
        }
        switch known.verdict(name: name, key: key) {
        case .trusted:
            return 0
        case .unknown(let types):
            let where_ = types.isEmpty ? file : "\(file) (it lists only \(types.joined(separator: ", ")) keys for \(name))"
            return refuse(session, .hostKeyUnknown(host: name, fingerprint: print, knownHosts: where_,
                                                   addCommand: addCommand(session, file)))
        case .mismatch:
            return refuse(session, .hostKeyMismatch(host: name, fingerprint: print, knownHosts: file))
        case .revoked:
            return refuse(session, .hostKeyRevoked(host: name, fingerprint: print, knownHosts: file))
        }
    }

    static var defaultKnownHosts: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.ssh/known_hosts"
    }

    /// `ssh-ed25519 SHA256:…`, as `ssh-keygen -lf` and ssh's own prompt print it.
    static func fingerprint(_ hostkey: git_cert_hostkey, keyType: String) -> String {
        var copy = hostkey
        if hostkey.type.rawValue & GIT_CERT_SSH_SHA256.rawValue != 0 {
            let digest = withUnsafeBytes(of: &copy.hash_sha256) { Data($0) }
            let base64 = digest.base64EncodedString().replacing("=", with: "")
            return "\(keyType) SHA256:\(base64)"
        }
        let digest = withUnsafeBytes(of: &copy.hash_sha1) { Array($0) }
        return "\(keyType) SHA1:" + digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }

    private static func addCommand(_ session: NetworkSession, _ file: String) -> String {
        let port = session.url.effectivePort ?? 22
        let host = session.url.host ?? "HOST"
        return "ssh-keyscan \(port == 22 ? "" : "-p \(port) ")\(host) >> \(file)"
    }

    private static func refuse(_ session: NetworkSession, _ error: GitSourceError) -> Int32 {
        session.fail(error)
        git_error_set_str(Int32(GIT_ERROR_SSH.rawValue), error.description)
        return GIT_ECERTIFICATE.rawValue
    }
}
