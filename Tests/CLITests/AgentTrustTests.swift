import Foundation
import JSONCore
import TestSupport
import Testing

@Suite("agent: only signed commits under source.verify", .needs(AgentTools.hasGit && AgentTools.hasSSHKeygen, "git and ssh-keygen"))
struct AgentTrustTests {
    /// An ed25519 key pair made with ssh-keygen; returns the private key's path.
    static func sshKey(_ world: AgentWorld, _ name: String) throws -> String {
        let path = world.root + "/" + name
        try world.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
        return path
    }

    @Test("allowed_signers that is a FIFO: the check cannot run (verifierUnavailable, exit 2), nothing applied, the FIFO never opened")
    func allowedSignersFIFO() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let key = try Self.sshKey(world, "trusted")
        let fifo = world.root + "/allowed_signers"
        try SpecialFiles.makeFIFO(fifo)
        try world.commit(["providers.yaml": agentSpec(["alpha"])], options: ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)"], sign: true)
        try world.initAgent(url: world.fileURL, ["--allowed-signers", fifo])
        let once = try world.cli(["agent", "once"], timeout: 30)
        #expect(once.status == 2, "\(once.stderr)")
        #expect(once.stderr.contains("cannot run the signature check: \(fifo) is a FIFO (named pipe), not a regular file"), "\(once.stderr)")
        let error = try world.status()["lastError"]
        #expect(error?["stage"] == "verify" && error?["reason"] == "verifierUnavailable", "\(String(describing: error))")
        #expect(fileText(world.sidecarPath) == nil)
        #expect(SpecialFiles.type(fifo) == S_IFIFO)
    }

    @Test("SSH signatures: unsigned and wrongly signed commits are refused, saying which commit and why; a trusted signature applies")
    func ssh() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let trusted = try Self.sshKey(world, "trusted")
        let stranger = try Self.sshKey(world, "stranger")
        let publicKey = try #require(fileText(trusted + ".pub")).split(separator: " ").prefix(2).joined(separator: " ")
        let allowed = world.root + "/allowed_signers"
        try "admin@example.com namespaces=\"git\" \(publicKey)\n".write(toFile: allowed, atomically: true, encoding: .utf8)
        func signed(with key: String) -> [String] { ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)"] }

        let good = try world.commit(["providers.yaml": agentSpec(["alpha"])], options: signed(with: trusted), sign: true)
        try world.initAgent(url: world.fileURL, ["--allowed-signers", allowed])
        let first = try world.cli(["agent", "once"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains(" info verified "))
        #expect(first.stderr.contains("signer=admin@example.com"))
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
        let before = try #require(fileBytes(world.sidecarPath))

        let unsigned = try world.commit(["providers.yaml": agentSpec(["alpha", "unsigned"])], message: "unsigned")
        let refused = try world.cli(["agent", "once"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("commit \(unsigned.prefix(12)) is not signed"), "\(refused.stderr)")
        #expect(fileBytes(world.sidecarPath) == before)
        var status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(good))
        #expect(status["lastAttemptedRevision"] == .string(unsigned))
        #expect(status["lastError"]?["stage"] == "verify")
        #expect(status["lastError"]?["reason"] == "verificationFailed")
        #expect(status["lastError"]?["revision"] == .string(unsigned))

        let forged = try world.commit(["providers.yaml": agentSpec(["alpha", "forged"])], message: "forged",
                                      options: signed(with: stranger), sign: true)
        let wrong = try world.cli(["agent", "once"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("commit \(forged.prefix(12)) is signed by a key that is not in \(allowed)"), "\(wrong.stderr)")
        #expect(fileBytes(world.sidecarPath) == before)
        status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(good))
        #expect(status["lastError"]?["revision"] == .string(forged))
        #expect(try world.cli(["agent", "status"]).stdout.contains("is signed by a key that is not in"))

        let trustedAgain = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])], options: signed(with: trusted), sign: true)
        #expect(try world.cli(["agent", "once"]).status == 0)
        #expect(try providerIDs(world.sidecarPath) == ["alpha", "beta"])
        #expect(try world.status()["lastAppliedRevision"] == .string(trustedAgain))
    }

    @Test("OpenPGP signatures against a keyring file; an SSH signature when only gpgKeyring is configured is refused",
          .needs(AgentTools.find("gpg") != nil && AgentTools.find("gpgconf") != nil, "gpg and gpgconf"))
    func gpg() throws {
        let world = try AgentWorld()
        let home = world.root + "/gnupg"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let gnupg = ["GNUPGHOME": home]
        defer {
            // gpg starts a gpg-agent for signing; end it with its own tool.
            _ = try? world.run("gpgconf", ["--kill", "all"], environment: gnupg)
            world.stop()
        }
        try world.run("gpg", ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key",
                              "Team Admin <admin@example.com>", "ed25519", "sign", "never"], environment: gnupg)
        let listing = try world.run("gpg", ["--batch", "--with-colons", "--list-secret-keys"], environment: gnupg)
        let fingerprint = try #require(listing.split(separator: "\n").first { $0.hasPrefix("fpr:") }?
            .split(separator: ":", omittingEmptySubsequences: false).dropFirst(9).first.map(String.init))
        let keyring = world.root + "/team.gpg"
        try world.run("gpg", ["--batch", "--export", "--output", keyring, fingerprint], environment: gnupg)

        let good = try world.commit(["providers.yaml": agentSpec(["alpha"])],
                                    options: ["-c", "user.signingkey=\(fingerprint)"], sign: true, environment: gnupg)
        try world.initAgent(url: world.fileURL, ["--gpg-keyring", keyring])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stderr.contains("kind=gpg"))
        #expect(once.stderr.contains("key=\(fingerprint)"))
        #expect(try world.status()["lastAppliedRevision"] == .string(good))

        let sshKey = try AgentTrustTests.sshKey(world, "ssh")
        let sshSigned = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])],
                                         options: ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(sshKey)"], sign: true)
        let refused = try world.cli(["agent", "once"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("commit \(sshSigned.prefix(12)) has an SSH signature, but only gpgKeyring is configured"),
                "\(refused.stderr)")
    }
}
