internal import GitSource
internal import Secrets

/// The repository's credentials, the source opened with them, the poll.
enum SourceStage {
    /// agent.yaml's `auth` as GitSource takes it, the token read from the keychain.
    static func auth(_ auth: AgentConfig.Auth?, url: String, keychain: any SecretStore) throws(ReconcileFailure) -> GitAuth? {
        switch auth {
        case nil:
            return nil
        case .token(let name, let username)?:
            let token: String?
            do { token = try keychain.lookup(name) } catch { throw ReconcileFailure(.credentials, .keychain(error)) }
            guard let token else { throw ReconcileFailure(.credentials, .tokenMissing(name: name, url: url)) }
            return .token(username: username ?? "x-access-token", token: token)
        case .sshKey(let path, let username)?:
            return .sshKey(username: username, privateKey: path, publicKey: nil, passphrase: nil)
        case .sshAgent(let username)?:
            return .sshAgent(username: username)
        }
    }

    static func open(_ config: GitSourceConfig, with opener: any RevisionSourceOpener) throws(ReconcileFailure) -> any RevisionSource {
        do { return try opener.open(config) } catch { throw ReconcileFailure(.fetch, .source(error)) }
    }

    /// ls-remote, and a fetch only when the branch moved.
    static func poll(_ source: any RevisionSource) throws(ReconcileFailure) -> FetchResult {
        do { return try source.sync() } catch { throw ReconcileFailure(.fetch, .source(error)) }
    }
}
