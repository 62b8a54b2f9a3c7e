import GitSource
import Testing

@Suite("Repository URLs")
struct URLParsingTests {
    @Test func scpLike() throws {
        let url = try GitURL(parsing: "git@github.com:team/providers.git")
        #expect(url.transport == .ssh && url.isScpLike)
        #expect(url.user == "git" && url.host == "github.com" && url.path == "team/providers.git")
        #expect(url.port == nil && url.effectivePort == 22 && url.knownHostsName == "github.com")

        let noUser = try GitURL(parsing: "gitserver:/srv/git/team.git")
        #expect(noUser.transport == .ssh && noUser.user == nil && noUser.host == "gitserver" && noUser.path == "/srv/git/team.git")

        let ipv6 = try GitURL(parsing: "git@[::1]:team.git")
        #expect(ipv6.host == "::1" && ipv6.path == "team.git")
    }

    @Test func sshURLCarriesThePort() throws {
        let url = try GitURL(parsing: "ssh://git@127.0.0.1:2222/srv/team.git")
        #expect(url.transport == .ssh && !url.isScpLike)
        #expect(url.user == "git" && url.host == "127.0.0.1" && url.port == 2222 && url.path == "/srv/team.git")
        #expect(url.knownHostsName == "[127.0.0.1]:2222")
        #expect(try GitURL(parsing: "ssh://[::1]:2222/x").knownHostsName == "[::1]:2222")
        #expect(try GitURL(parsing: "git+ssh://host/x").transport == .ssh)
    }

    @Test func otherSchemesAndPaths() throws {
        #expect(try GitURL(parsing: "git://127.0.0.1:9419/team.git").effectivePort == 9419)
        #expect(try GitURL(parsing: "git://example.com/team.git").effectivePort == 9418)
        #expect(try GitURL(parsing: "https://example.com/team.git").effectivePort == 443)
        let file = try GitURL(parsing: "file:///srv/git/team.git")
        #expect(file.transport == .local && file.path == "/srv/git/team.git")
        let path = try GitURL(parsing: "/srv/git/team.git")
        #expect(path.transport == .local && path.path == "/srv/git/team.git" && path.host == nil)
        #expect(try GitURL(parsing: "./team.git").transport == .local)
        #expect(try GitURL(parsing: "repos/team:v2.git").transport == .local)
    }

    @Test func passwordsAreRedacted() throws {
        let url = try GitURL(parsing: "https://agent:tok3n@git.example.com:8443/team.git")
        #expect(url.user == "agent" && url.port == 8443)
        #expect(url.redacted == "https://agent:***@git.example.com:8443/team.git")
        #expect(try GitURL(parsing: "https://agent@git.example.com/team.git").redacted == "https://agent@git.example.com/team.git")
    }

    @Test func invalidURLs() {
        #expect(throws: GitSourceError.invalidURL("", reason: "it is empty")) { try GitURL(parsing: "") }
        #expect(throws: GitSourceError.invalidURL("ftp://x/y", reason: "unsupported scheme 'ftp'")) { try GitURL(parsing: "ftp://x/y") }
        #expect(throws: GitSourceError.invalidURL("ssh://host:99999/x", reason: "'99999' is not a port number")) {
            try GitURL(parsing: "ssh://host:99999/x")
        }
        #expect(throws: GitSourceError.invalidURL("http:///x", reason: "it names no host")) { try GitURL(parsing: "http:///x") }
    }
}
