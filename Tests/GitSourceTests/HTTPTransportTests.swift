import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Smart HTTP with Basic auth (git http-backend)", .needs(Servers.hasGit && Servers.python != nil, "git and python3"))
struct HTTPTransportTests {
    static let token = GitAuth.token(username: "agent", token: "s3cret-token")

    @Test func lifecycleWithToken() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let server = try Servers.http(root: repo.root, folder: folder, username: "agent", token: "s3cret-token")
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/team.git"
        try Lifecycle.run(url: url, auth: Self.token, repo: repo, folder: folder)

        // The idle poll, seen from the server: one ref advertisement, no upload-pack POST.
        let mirror = try GitMirror(path: folder.sub("mirror"), config: GitSourceConfig(url: url, auth: Self.token))
        server.clearLog()
        let idle = try mirror.sync()
        #expect(!idle.fetched)
        let requests = server.requests
        #expect(requests.allSatisfy { $0.method == "GET" && $0.path.hasSuffix("/info/refs?service=git-upload-pack") })
        #expect(requests.filter { $0.status == 200 }.count == 1)
    }

    @Test func wrongTokenFailsClearlyWithoutARetryStorm() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let server = try Servers.http(root: repo.root, folder: folder, username: "agent", token: "s3cret-token")
        defer { server.stop() }
        let config = GitSourceConfig(url: "http://127.0.0.1:\(server.port)/team.git",
                                     auth: .token(username: "agent", token: "expired-token"))
        let mirror = try GitMirror(path: folder.sub("mirror"), config: config)
        for call in [{ _ = try mirror.remoteHead() }, { _ = try mirror.sync() }] {
            server.clearLog()
            let error = try #require(throws: GitSourceError.self) { try call() }
            guard case .authenticationFailed(_, let reason) = error else {
                Issue.record("expected an authentication failure, got \(error)")
                return
            }
            #expect(reason.contains("rejected the token for user 'agent'"))
            #expect(!error.description.contains("expired-token"), "a token never appears in a message")
            let requests = server.requests
            // One anonymous request that learns auth is needed, one with the token; then the
            // credentials callback gives up instead of offering the same token again.
            #expect(requests.count == 2, "\(requests.count) requests for one wrong token")
            #expect(requests.allSatisfy { $0.status == 401 })
        }
        #expect(mirror.localHead() == nil)
    }

    @Test func missingCredentialsSayWhatToConfigure() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let server = try Servers.http(root: repo.root, folder: folder, username: "agent", token: "s3cret-token")
        defer { server.stop() }
        let mirror = try GitMirror(path: folder.sub("mirror"),
                                   config: GitSourceConfig(url: "http://127.0.0.1:\(server.port)/team.git"))
        let error = try #require(throws: GitSourceError.self) { try mirror.remoteHead() }
        #expect(error.description.contains("none are configured: configure a username and token"))
        #expect(server.requests.count == 1)
    }

    @Test func passwordInTheURLIsNeverShown() throws {
        let folder = try TempFolder()
        let port = closedPort()
        let mirror = try GitMirror(path: folder.sub("mirror"),
                                   config: GitSourceConfig(url: "http://agent:hunter2@127.0.0.1:\(port)/team.git"))
        let error = try #require(throws: GitSourceError.self) { try mirror.sync() }
        #expect(!error.description.contains("hunter2"))
        #expect(error.description.contains("http://agent:***@127.0.0.1:\(port)/team.git"))
    }
}
