import Foundation
import GitSource
import TestSupport
import Testing

@Suite("ssh:// against OpenSSH's sshd", .needs(Servers.hasGit && Servers.hasSSH, "git and sshd"))
struct SSHTransportTests {
    @Test func lifecycleWithEd25519Key() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        let key = GitAuth.sshKey(username: nil, privateKey: ssh.clientKey, publicKey: nil, passphrase: nil)
        try Lifecycle.run(url: ssh.url(repo.bare), auth: key, knownHosts: ssh.knownHosts, repo: repo, folder: folder)
    }

    @Test func hashedKnownHostsAreTrusted() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let head = try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        try Shell.run(["ssh-keygen", "-q", "-H", "-f", ssh.knownHosts])
        #expect(try String(contentsOfFile: ssh.knownHosts, encoding: .utf8).hasPrefix("|1|"))
        let config = GitSourceConfig(url: ssh.url(repo.bare),
                                     auth: .sshKey(username: nil, privateKey: ssh.clientKey, publicKey: ssh.clientKey + ".pub", passphrase: nil),
                                     knownHosts: ssh.knownHosts)
        #expect(try GitMirror(path: folder.sub("mirror"), config: config).remoteHead() == head)
    }

    @Test func unknownHostKeyIsRefusedWithItsFingerprint() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        try folder.write("empty_known_hosts", "")
        let config = GitSourceConfig(url: ssh.url(repo.bare),
                                     auth: .sshKey(username: nil, privateKey: ssh.clientKey, publicKey: nil, passphrase: nil),
                                     knownHosts: folder.sub("empty_known_hosts"))
        let mirror = try GitMirror(path: folder.sub("mirror"), config: config)
        let error = try #require(throws: GitSourceError.self) { try mirror.sync() }
        let fingerprint = try ssh.hostFingerprint()
        #expect(error == .hostKeyUnknown(host: "[127.0.0.1]:\(ssh.port)", fingerprint: "ssh-ed25519 \(fingerprint)",
                                         knownHosts: folder.sub("empty_known_hosts"),
                                         addCommand: "ssh-keyscan -p \(ssh.port) 127.0.0.1 >> \(folder.sub("empty_known_hosts"))"))
        #expect(!ssh.server.log.contains("Accepted publickey"), "no credentials are offered to an unknown host")
    }

    @Test func changedHostKeyIsRefusedAsAMismatch() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.sub("other_host_key")])
        let other = try String(contentsOfFile: folder.sub("other_host_key.pub"), encoding: .utf8).split(separator: " ")
        try folder.write("known_hosts", "[127.0.0.1]:\(ssh.port) \(other[0]) \(other[1])\n")
        let config = GitSourceConfig(url: ssh.url(repo.bare),
                                     auth: .sshKey(username: nil, privateKey: ssh.clientKey, publicKey: nil, passphrase: nil),
                                     knownHosts: folder.sub("known_hosts"))
        let error = try #require(throws: GitSourceError.self) { try GitMirror(path: folder.sub("mirror"), config: config).remoteHead() }
        guard case .hostKeyMismatch(let host, let fingerprint, _) = error else {
            Issue.record("expected a mismatch, got \(error)")
            return
        }
        #expect(host == "[127.0.0.1]:\(ssh.port)")
        #expect(fingerprint == "ssh-ed25519 \(try ssh.hostFingerprint())")
    }

    @Test func rsaKeyIsRefusedWithTheReason() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        let config = GitSourceConfig(url: ssh.url(repo.bare),
                                     auth: .sshKey(username: nil, privateKey: ssh.rsaKey, publicKey: nil, passphrase: nil),
                                     knownHosts: ssh.knownHosts)
        let error = try #require(throws: GitSourceError.self) { try GitMirror(path: folder.sub("mirror"), config: config).sync() }
        guard case .authenticationFailed(_, let reason) = error else {
            Issue.record("expected an authentication failure, got \(error)")
            return
        }
        #expect(reason.contains("it is an RSA key"))
        #expect(reason.contains("SHA-1"))
        #expect(reason.contains("ed25519"))
    }

    @Test func unauthorizedKeyIsRefusedAfterOneTry() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.sub("stranger")])
        let config = GitSourceConfig(url: ssh.url(repo.bare),
                                     auth: .sshKey(username: nil, privateKey: folder.sub("stranger"), publicKey: nil, passphrase: nil),
                                     knownHosts: ssh.knownHosts)
        let error = try #require(throws: GitSourceError.self) { try GitMirror(path: folder.sub("mirror"), config: config).remoteHead() }
        #expect(error.description.contains("the server refused the key \(folder.sub("stranger")) for user '\(ssh.user)'"))
        #expect(error.description.contains("authorized keys"))
    }

    /// The key lives in a real ssh-agent; GitSource reaches it through SSH_AUTH_SOCK.
    @Test(.needs(Shell.which("ssh-agent") != nil && Shell.which("ssh-add") != nil, "ssh-agent and ssh-add"))
    func sshAgentIdentity() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let head = try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        let socket = folder.sub("agent.sock")
        let agent = try ServerProcess(name: "ssh-agent", port: 0, arguments: ["ssh-agent", "-D", "-a", socket],
                                      logPath: folder.sub("agent.log"), readyFile: socket)
        defer { agent.stop() }
        var environment = Shell.environment
        environment["SSH_AUTH_SOCK"] = socket
        try Shell.run(["ssh-add", "-q", ssh.clientKey], environment: environment)
        // libssh2 finds the agent through the process environment.
        setenv("SSH_AUTH_SOCK", socket, 1)
        let config = GitSourceConfig(url: ssh.url(repo.bare), auth: .sshAgent(username: nil), knownHosts: ssh.knownHosts)
        #expect(try GitMirror(path: folder.sub("mirror"), config: config).remoteHead() == head)
    }

    @Test func usernameComesFromTheConfigWhenTheURLHasNone() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let head = try repo.commit(["providers.yaml": "version: 1\n"], message: "spec")
        let ssh = try SSHServer(in: folder)
        defer { ssh.stop() }
        let config = GitSourceConfig(url: "ssh://127.0.0.1:\(ssh.port)\(repo.bare)",
                                     auth: .sshKey(username: ssh.user, privateKey: ssh.clientKey, publicKey: nil, passphrase: nil),
                                     knownHosts: ssh.knownHosts)
        #expect(try GitMirror(path: folder.sub("mirror"), config: config).remoteHead() == head)
    }
}
