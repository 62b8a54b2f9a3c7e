import CGit2
@testable import GitSource
import Testing

/// libgit2 calls the credentials callback again after every rejection; these call it the
/// way libgit2 does and check it stops on its own.
@Suite("Credentials callback")
struct CredentialsTests {
    static func call(_ session: NetworkSession, allowed: git_credential_t, user: String? = nil) -> Int32 {
        var credential: UnsafeMutablePointer<git_credential>?
        let payload = Unmanaged.passUnretained(session).toOpaque()
        let rc = user.map { name in name.withCString { Credentials.acquire(&credential, "ssh://host/x", $0, allowed.rawValue, payload) } }
            ?? Credentials.acquire(&credential, "ssh://host/x", nil, allowed.rawValue, payload)
        if let credential { git_credential_free(credential) }
        return rc
    }

    static func session(_ auth: GitAuth?, url: String = "ssh://git@host/x") throws -> NetworkSession {
        NetworkSession(url: try GitURL(parsing: url), config: GitSourceConfig(url: url, auth: auth), step: "ls-remote")
    }

    @Test func givesUpAfterThreeCallsWhateverIsAsked() throws {
        try LibGit2Runtime.start()
        let session = try Self.session(.sshAgent(username: "git"))
        for _ in 1...3 { #expect(Self.call(session, allowed: GIT_CREDENTIAL_USERNAME) == 0) }
        #expect(Self.call(session, allowed: GIT_CREDENTIAL_USERNAME) == GIT_EAUTH.rawValue)
        #expect(session.failure == .authenticationFailed(url: "ssh://git@host/x", reason: "gave up after 3 requests for credentials"))
        #expect(LibGit2Error.lastMessage == "gave up after 3 requests for credentials")
    }

    @Test func aTokenIsOfferedOnce() throws {
        try LibGit2Runtime.start()
        let session = try Self.session(.token(username: "agent", token: "t"), url: "https://host/x")
        #expect(Self.call(session, allowed: GIT_CREDENTIAL_USERPASS_PLAINTEXT) == 0)
        #expect(Self.call(session, allowed: GIT_CREDENTIAL_USERPASS_PLAINTEXT) == GIT_EAUTH.rawValue)
        #expect(session.failure?.description.contains("rejected the token for user 'agent'") == true)
    }

    @Test func aTokenIsNotAnSSHCredential() throws {
        try LibGit2Runtime.start()
        let session = try Self.session(.token(username: "agent", token: "t"))
        #expect(Self.call(session, allowed: GIT_CREDENTIAL_SSH_KEY) == GIT_EAUTH.rawValue)
        #expect(session.failure?.description.contains("a token works over http(s) only") == true)
    }

    @Test func aMissingKeyFileIsNamed() throws {
        try LibGit2Runtime.start()
        let session = try Self.session(.sshKey(username: nil, privateKey: "/no/such/key", publicKey: nil, passphrase: nil))
        #expect(Self.call(session, allowed: GIT_CREDENTIAL_SSH_KEY, user: "git") == GIT_EAUTH.rawValue)
        #expect(session.failure?.description.contains("cannot read the private key /no/such/key") == true)
    }
}
