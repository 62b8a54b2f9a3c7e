#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CGit2
import FoundationEssentials

/// libgit2's credentials callback. libgit2 calls it again after every rejection, so each
/// configured credential is offered once, and the callback gives up with its own message by
/// the `maxCalls`-th call at the latest (one may be a bare username request for ssh).
enum Credentials {
    static let maxCalls = 3

    static let acquire: git_credential_acquire_cb = { out, _, usernameFromURL, allowedTypes, payload in
        let session = Unmanaged<NetworkSession>.fromOpaque(payload!).takeUnretainedValue()
        session.credentialCalls += 1
        let fromURL = usernameFromURL.map { String(cString: $0) }
        return answer(session, out!, fromURL, allowedTypes)
    }

    private static func answer(
        _ session: NetworkSession, _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>,
        _ usernameFromURL: String?, _ allowed: UInt32
    ) -> Int32 {
        guard session.credentialCalls <= maxCalls else {
            return reject(session, "gave up after \(maxCalls) requests for credentials")
        }
        let wantsUsername = allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0
        switch session.config.auth {
        case nil:
            let hint = session.url.transport == .ssh
                ? "configure an ssh key or the ssh agent" : "configure a username and token"
            return reject(session, "the server asks for credentials and none are configured: \(hint)")

        case .token(let username, let token)?:
            guard allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else {
                return reject(session, "a token works over http(s) only; this server wants another kind of credential")
            }
            guard session.offered.insert("token").inserted else {
                return reject(session, "the server rejected the token for user '\(username)' (HTTP 401): "
                    + "check that it is current and may read the repository")
            }
            return git_credential_userpass_plaintext_new(out, username, token)

        case .sshKey(let username, let privateKey, let publicKey, let passphrase)?:
            let user = username ?? usernameFromURL ?? currentUser()
            if wantsUsername && allowed & GIT_CREDENTIAL_SSH_KEY.rawValue == 0 {
                return git_credential_username_new(out, user)
            }
            guard allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else {
                return reject(session, "the server does not accept ssh keys")
            }
            guard FileManager.default.isReadableFile(atPath: privateKey) else {
                return reject(session, "cannot read the private key \(privateKey)")
            }
            guard session.offered.insert("key").inserted else {
                return reject(session, keyRejection(user: user, privateKey: privateKey, publicKey: publicKey))
            }
            return git_credential_ssh_key_new(out, user, publicKey, privateKey, passphrase)

        case .sshAgent(let username)?:
            let user = username ?? usernameFromURL ?? currentUser()
            if wantsUsername && allowed & GIT_CREDENTIAL_SSH_KEY.rawValue == 0 {
                return git_credential_username_new(out, user)
            }
            guard ProcessInfo.processInfo.environment["SSH_AUTH_SOCK"] != nil else {
                return reject(session, "SSH_AUTH_SOCK is not set: no ssh agent to ask")
            }
            guard session.offered.insert("agent").inserted else {
                return reject(session, "the server accepted none of the ssh agent's keys for user '\(user)'")
            }
            return git_credential_ssh_key_from_agent(out, user)
        }
    }

    private static func keyRejection(user: String, privateKey: String, publicKey: String?) -> String {
        let base = "the server refused the key \(privateKey) for user '\(user)'"
        if SSHKeyFile.type(privateKey: privateKey, publicKey: publicKey) == "ssh-rsa" {
            return base + ": it is an RSA key, and libssh2 1.10 signs with ssh-rsa (SHA-1), which "
                + "OpenSSH 8.8 and later refuse. Use an ed25519 key (ssh-keygen -t ed25519)"
        }
        return base + ": check that its public key is in the server's authorized keys"
    }

    /// Records the failure and sets libgit2's message too, or git_error_last() stays stale.
    private static func reject(_ session: NetworkSession, _ reason: String) -> Int32 {
        session.fail(.authenticationFailed(url: session.url.redacted, reason: reason))
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), reason)
        return GIT_EAUTH.rawValue
    }

    static func currentUser() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "git"
    }
}
