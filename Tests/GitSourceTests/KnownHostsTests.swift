import Foundation
@testable import GitSource
import Testing

@Suite("known_hosts matching")
struct KnownHostsTests {
    /// A made-up ed25519 key blob in SSH wire format.
    static func key(_ fill: UInt8) -> [UInt8] {
        let type = Array("ssh-ed25519".utf8)
        return [0, 0, 0, UInt8(type.count)] + type + [0, 0, 0, 32] + [UInt8](repeating: fill, count: 32)
    }
    static func line(_ hosts: String, _ key: [UInt8], marker: String = "") -> String {
        "\(marker)\(marker.isEmpty ? "" : " ")\(hosts) ssh-ed25519 \(Data(key).base64EncodedString())"
    }

    @Test func plainPortsPatternsAndNegation() {
        let known = KnownHosts(contents: [
            "# a comment",
            Self.line("git.example.com,10.0.0.5", Self.key(1)),
            Self.line("[127.0.0.1]:2222", Self.key(2)),
            Self.line("*.corp.example,!evil.corp.example", Self.key(3)),
            "garbage line",
        ].joined(separator: "\n"))
        #expect(known.verdict(name: "git.example.com", key: Self.key(1)) == .trusted)
        #expect(known.verdict(name: "GIT.example.com", key: Self.key(1)) == .trusted)
        #expect(known.verdict(name: "git.example.com", key: Self.key(9)) == .mismatch)
        #expect(known.verdict(name: "[127.0.0.1]:2222", key: Self.key(2)) == .trusted)
        #expect(known.verdict(name: "127.0.0.1", key: Self.key(2)) == .unknown(knownTypes: []))
        #expect(known.verdict(name: "build.corp.example", key: Self.key(3)) == .trusted)
        #expect(known.verdict(name: "evil.corp.example", key: Self.key(3)) == .unknown(knownTypes: []))
    }

    @Test func hashedNamesMatchLikeOpenSSH() throws {
        // What `ssh-keygen -H` writes: |1|base64(salt)|base64(HMAC-SHA1(salt, name)).
        let salt = [UInt8](repeating: 7, count: 20)
        let hash = SHA1.hmac(key: salt, message: Array("[127.0.0.1]:2222".utf8))
        let hashed = "|1|\(Data(salt).base64EncodedString())|\(Data(hash).base64EncodedString())"
        let known = KnownHosts(contents: Self.line(hashed, Self.key(4)))
        #expect(known.verdict(name: "[127.0.0.1]:2222", key: Self.key(4)) == .trusted)
        #expect(known.verdict(name: "[127.0.0.1]:2223", key: Self.key(4)) == .unknown(knownTypes: []))
    }

    @Test func revokedAndOtherTypes() {
        let known = KnownHosts(contents: [
            Self.line("host", Self.key(5)),
            Self.line("host", Self.key(6), marker: "@revoked"),
            "host ssh-rsa \(Data([0, 0, 0, 7] + Array("ssh-rsa".utf8)).base64EncodedString())",
        ].joined(separator: "\n"))
        #expect(known.verdict(name: "host", key: Self.key(6)) == .revoked)
        let onlyRSA = KnownHosts(contents: "other ssh-rsa \(Data([0, 0, 0, 7] + Array("ssh-rsa".utf8)).base64EncodedString())")
        #expect(onlyRSA.verdict(name: "other", key: Self.key(1)) == .unknown(knownTypes: ["ssh-rsa"]))
    }

    @Test func sha1Vectors() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA1.hash([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        // RFC 2202 test case 2.
        #expect(hex(SHA1.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }

    @Test func keyTypeOfAnOpenSSHPrivateKey() throws {
        let folder = try TempFolder()
        guard Shell.which("ssh-keygen") != nil else { return }
        try Shell.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "pass", "-f", folder.sub("rsa")])
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.sub("ed")])
        #expect(SSHKeyFile.type(privateKey: folder.sub("rsa"), publicKey: nil) == "ssh-rsa")
        #expect(SSHKeyFile.type(privateKey: folder.sub("ed"), publicKey: nil) == "ssh-ed25519")
        #expect(SSHKeyFile.type(privateKey: folder.sub("ed"), publicKey: folder.sub("rsa.pub")) == "ssh-rsa")
    }
}
