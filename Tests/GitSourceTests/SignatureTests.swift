import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Commit signatures", .needs(Servers.hasGit && Shell.which("ssh-keygen") != nil, "git and ssh-keygen"))
struct SignatureTests {
    /// A commit signed with an ssh key: the extracted signature and signed bytes verify with
    /// `ssh-keygen -Y verify`, and fail to once a byte changes.
    @Test func sshSignedCommitVerifies() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let key = folder.sub("signing_ed25519")
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "signer", "-f", key])
        let signed = try repo.commit(["providers.yaml": "version: 1\n"], message: "signed spec",
                                     extraGitOptions: ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)"], sign: true)
        let unsigned = try repo.commit(["providers.yaml": "version: 2\n"], message: "unsigned spec")

        let mirror = try GitMirror(path: folder.sub("mirror"), config: GitSourceConfig(url: repo.bare))
        try mirror.sync()
        #expect(try mirror.commitSignature(unsigned) == nil)
        let signature = try #require(try mirror.commitSignature(signed))
        #expect(signature.isSSH)
        #expect(String(decoding: signature.signedData, as: UTF8.self).contains("\n\nsigned spec\n"))
        #expect(!String(decoding: signature.signedData, as: UTF8.self).contains("gpgsig"))

        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        try folder.write("allowed_signers", "admin@example.com \(publicKey)")
        try folder.write("commit.sig", signature.signature)
        let verify = ["ssh-keygen", "-Y", "verify", "-f", folder.sub("allowed_signers"), "-I", "admin@example.com",
                      "-n", "git", "-s", folder.sub("commit.sig")]
        let output = try Shell.run(verify, input: Data(signature.signedData))
        #expect(output.contains("Good \"git\" signature for admin@example.com"))

        var tampered = signature.signedData
        tampered[tampered.count - 2] ^= 0x20
        #expect(throws: Shell.Failure.self) { try Shell.run(verify, input: Data(tampered)) }
    }

    @Test func unknownCommitIsAClearError() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["a": "1"], message: "one")
        let mirror = try GitMirror(path: folder.sub("mirror"), config: GitSourceConfig(url: repo.bare))
        let absent = String(repeating: "0", count: 40)
        #expect(throws: GitSourceError.commitNotFound(absent)) { try mirror.commitSignature(absent) }
        #expect(throws: GitSourceError.commitNotFound(absent)) { try mirror.commitInfo(absent) }
    }
}
