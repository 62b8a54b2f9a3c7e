import Foundation
import GitSource
import TestSupport
import Testing

/// https with a private CA. libgit2 keeps one TLS trust store per process, so the refusal
/// without the CA file runs before the fetch that installs it, in one test.
@Suite("https with a CA file", .needs(Servers.hasGit && Servers.python != nil && Shell.which("openssl") != nil, "git, python3 and openssl"))
struct HTTPSTests {
    @Test func untrustedCertificateIsRefusedThenTrustedWithCAFile() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let head = try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        // mbedTLS checks names, not IP addresses: the certificate is for localhost.
        try Shell.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                       "-keyout", folder.sub("key.pem"), "-out", folder.sub("cert.pem"),
                       "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"])
        let server = try Servers.http(root: repo.root, folder: folder, username: "agent", token: "tok",
                                      tls: (folder.sub("cert.pem"), folder.sub("key.pem")))
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/team.git"
        let auth = GitAuth.token(username: "agent", token: "tok")

        let untrusted = try GitMirror(path: folder.sub("untrusted"), config: GitSourceConfig(url: url, auth: auth))
        let error = try #require(throws: GitSourceError.self) { try untrusted.remoteHead() }
        guard case .certificateRejected(let host, _) = error else {
            Issue.record("expected a refused certificate, got \(error)")
            return
        }
        #expect(host == "localhost")
        #expect(server.requests.isEmpty, "nothing, least of all the token, reaches an untrusted server")

        let trusted = try GitMirror(path: folder.sub("trusted"),
                                    config: GitSourceConfig(url: url, auth: auth, caFile: folder.sub("cert.pem")))
        let result = try trusted.sync()
        #expect(result.change == .cloned && result.new == head)
        #expect(try trusted.readFile("providers.yaml", at: head) == Array("version: 1\n".utf8))
    }

    @Test("a CA file that is not a regular file: caFileUnusable with the reader's own error, before any connection; a missing one is libgit2's refusal")
    func unusableCAFileKeepsItsReason() throws {
        let folder = try TempFolder()
        let missing = folder.sub("missing.pem")
        let refused = try #require(throws: GitSourceError.self) {
            _ = try GitMirror(path: folder.sub("mirror-missing"), config: GitSourceConfig(url: "https://localhost:1/team.git", caFile: missing))
        }
        #expect(refused.description.contains("cannot load CA file \(missing)"), "\(refused)")
        for path in [folder.path] {
            let config = GitSourceConfig(url: "https://localhost:1/team.git", caFile: path)
            let error = try #require(throws: GitSourceError.self) {
                _ = try GitMirror(path: folder.sub("mirror-\(UUID().uuidString.prefix(6))"), config: config).remoteHead()
            }
            guard case .caFileUnusable(let named, let cause) = error else {
                Issue.record("expected caFileUnusable, got \(error)")
                continue
            }
            #expect(named == path)
            #expect(error.description == "cannot load CA file \(path): \(cause)")
        }
    }
}
