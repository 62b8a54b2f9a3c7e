import Foundation
import TestSupport
import Testing

/// apply, diff and render with keys from a real gnome-keyring on a private D-Bus session.
@Suite("keychain keys through apply",
       .needs(KeyringTools.available, "dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool"))
struct SecretApplyTests {
    static let secret = "sk-live-known-value-4242424242"
    static let rotated = "sk-live-rotated-value-7373737373"

    static let spec = """
        version: 1
        providers:
          gateway:
            name: Company AI Gateway
            url: https://ai-api.company.com/v1
            apiKey: { keyring: company-gateway }
            models: [gpt-4-company]
          other:
            name: Other Gateway
            url: https://other.example.com/v1
            apiKey: { keyring: other-gateway }
            models: [m]
          local:
            name: Local
            url: http://localhost:8000
            models: [m]

        """

    /// A sandbox with a running keyring and the spec written into it.
    static func sandbox() throws -> (KeyringSandbox, spec: String, target: String) {
        let sandbox = try KeyringSandbox.unlocked()
        let spec = sandbox.folder + "/providers.yaml"
        try Self.spec.write(toFile: spec, atomically: true, encoding: .utf8)
        return (sandbox, spec, sandbox.folder + "/config/Accomplish/opencode/opencode.jsonc")
    }

    /// Stores both keys the spec names (company-gateway's is `secret`), each expected to succeed.
    static func storeBothKeys(in sandbox: KeyringSandbox, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try sandbox.cli(["secret", "set", "company-gateway"], stdin: secret).status == 0, sourceLocation: sourceLocation)
        #expect(try sandbox.cli(["secret", "set", "other-gateway"], stdin: "other-value-123456").status == 0,
                sourceLocation: sourceLocation)
    }

    @Test("a missing secret: every missing name with its command, nothing written")
    func missing() throws {
        let (sandbox, spec, target) = try Self.sandbox()
        defer { sandbox.stop() }
        let r = try sandbox.cli(["apply", spec])
        #expect(r.status == 1)
        #expect(r.stderr.contains("provider-sync secret set company-gateway"))
        #expect(r.stderr.contains("provider-sync secret set other-gateway"))
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder + "/home/.local/state/provider-sync/targets"))
    }

    @Test("keys are written inline (0600); a rotated key is applied; no change rewrites nothing")
    func inlineAndRotation() throws {
        let (sandbox, spec, target) = try Self.sandbox()
        defer { sandbox.stop() }
        try Self.storeBothKeys(in: sandbox)
        let first = try sandbox.cli(["apply", spec])
        #expect(first.status == 0, "\(first.stderr)")
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("\"apiKey\": \"\(Self.secret)\""))
        #expect(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int == 0o600)

        let before = try FileManager.default.attributesOfItem(atPath: target)[.modificationDate] as? Date
        usleep(20_000)
        let again = try sandbox.cli(["apply", spec])
        #expect(again.stdout.contains("up to date"))
        #expect(try FileManager.default.attributesOfItem(atPath: target)[.modificationDate] as? Date == before)

        #expect(try sandbox.cli(["secret", "set", "company-gateway"], stdin: Self.rotated).status == 0)
        let diff = try sandbox.cli(["diff", spec])
        #expect(diff.status == 1)
        #expect(!diff.output.contains(Self.rotated) && !diff.output.contains(Self.secret))
        let rotated = try sandbox.cli(["apply", spec])
        #expect(rotated.stdout.contains("updated provider gateway"), "\(rotated.output)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains(Self.rotated))
    }

    @Test("the file mode: opencode.json names a 0600 key file and holds no key")
    func fileMode() throws {
        let (sandbox, spec, target) = try Self.sandbox()
        defer { sandbox.stop() }
        try Self.storeBothKeys(in: sandbox)
        let r = try sandbox.cli(["apply", spec, "--secrets", "file"])
        #expect(r.status == 0, "\(r.stderr)")
        let keyFile = sandbox.folder + "/home/.local/state/provider-sync/keys/company-gateway"
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("\"apiKey\": \"{file:\(keyFile)}\""))
        #expect(!text.contains(Self.secret))
        #expect(try String(contentsOfFile: keyFile, encoding: .utf8) == Self.secret)
        #expect(try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int == 0o600)
        // A rotated key changes the key file only.
        #expect(try sandbox.cli(["secret", "set", "company-gateway"], stdin: Self.rotated).status == 0)
        let rotated = try sandbox.cli(["apply", spec, "--secrets", "file"])
        #expect(rotated.stdout.contains("up to date"))
        #expect(rotated.stdout.contains("key file of company-gateway written"))
        #expect(try String(contentsOfFile: keyFile, encoding: .utf8) == Self.rotated)
    }

    @Test("the key never appears in any output of any command, nor in any file but the target and the key file")
    func neverLeaks() throws {
        let (sandbox, spec, target) = try Self.sandbox()
        defer { sandbox.stop() }
        try Self.storeBothKeys(in: sandbox)
        let broken = sandbox.folder + "/broken.json"
        try "{ \"provider\": { \"gateway\": { \"options\": { \"apiKey\": \"\(Self.secret)\" } } ".write(toFile: broken, atomically: true, encoding: .utf8)
        let conflict = sandbox.folder + "/conflict.json"
        try "{ \"provider\": { \"gateway\": { \"name\": \"mine\", \"options\": { \"apiKey\": \"\(Self.secret)\" } } } }"
            .write(toFile: conflict, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["validate", spec], ["render", spec], ["render", spec, "--target", "openwork"], ["diff", spec],
            ["apply", spec, "--dry-run"], ["apply", spec], ["apply", spec], ["diff", spec], ["render", spec, "--target", "openwork"],
            ["status"], ["status", "--format", "json"], ["apply", spec, "--secrets", "file"], ["rollback"],
            ["diff", spec, "--target", broken], ["apply", spec, "--target", broken], ["apply", spec, "--target", conflict],
            ["diff", spec, "--target", conflict], ["render", spec, "--target", conflict],
            ["secret", "get", "company-gateway"], ["secret", "list", "--spec", spec], ["secret", "check", spec],
            ["paths"], ["apply", spec, "--target", "/proc/no-such-place/opencode.json"],
        ]
        for command in commands {
            let r = try sandbox.cli(command)
            #expect(!r.output.contains(Self.secret), "\(command.joined(separator: " ")) printed the key")
        }
        // Files: only the target (inline, after the rollback) and the key file hold the key.
        let keyFile = sandbox.folder + "/home/.local/state/provider-sync/keys/company-gateway"
        var holders: [String] = []
        let walker = FileManager.default.enumerator(atPath: sandbox.folder)
        while let relative = walker?.nextObject() as? String {
            let path = sandbox.folder + "/" + relative
            guard let data = FileManager.default.contents(atPath: path),
                  String(decoding: data, as: UTF8.self).contains(Self.secret) else { continue }
            holders.append(path)
        }
        let history = sandbox.folder + "/home/.local/state/provider-sync/history/"
        let unexpected = holders.filter { $0 != target && $0 != keyFile && $0 != broken && $0 != conflict && !$0.hasPrefix(history) }
        #expect(unexpected.isEmpty, "\(unexpected)")
        #expect(holders.contains(keyFile))
    }
}
