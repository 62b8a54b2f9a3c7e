import Foundation
import Testing

/// The `file` secrets mode leaves no plaintext key behind: a key file nothing names any more is
/// deleted by the next apply, and `secret delete` deletes the key's file with the keychain item.
@Suite("key files nothing uses are deleted",
       .enabled(if: KeyringTools.available, "needs dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool (make test-deps)"))
struct KeyFileCleanupTests {
    static let secret = "sk-live-cleanup-value-5151515151"

    /// The spec of SecretApplyTests (two keychain keys, one local provider), a sandbox with its
    /// keyring running and both keys stored.
    static func sandbox() throws -> (KeyringSandbox, spec: String, keys: String) {
        let (sandbox, spec, _) = try SecretApplyTests.sandbox()
        #expect(try sandbox.cli(["secret", "set", "company-gateway"], stdin: secret).status == 0)
        #expect(try sandbox.cli(["secret", "set", "other-gateway"], stdin: "other-value-123456").status == 0)
        return (sandbox, spec, sandbox.folder + "/home/.local/state/provider-sync/keys")
    }

    static func keyFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("back to inline: the next apply deletes the key files and says so")
    func backToInline() throws {
        let (sandbox, spec, keys) = try Self.sandbox()
        defer { sandbox.stop() }
        #expect(try sandbox.cli(["apply", spec, "--secrets", "file"]).status == 0)
        #expect(Self.keyFiles(keys) == ["company-gateway", "other-gateway"])
        let inline = try sandbox.cli(["apply", spec, "--secrets", "inline"])
        #expect(inline.status == 0, "\(inline.stderr)")
        #expect(inline.stdout.contains("key file of company-gateway deleted: no target names it any more"), "\(inline.stdout)")
        #expect(Self.keyFiles(keys) == [])
    }

    @Test("a provider dropped from the spec: its key file goes, the other stays")
    func providerDropped() throws {
        let (sandbox, spec, keys) = try Self.sandbox()
        defer { sandbox.stop() }
        #expect(try sandbox.cli(["apply", spec, "--secrets", "file"]).status == 0)
        let fewer = sandbox.folder + "/fewer.yaml"
        let text = try String(contentsOfFile: spec, encoding: .utf8)
        let withoutOther = text.replacingOccurrences(of: """
              other:
                name: Other Gateway
                url: https://other.example.com/v1
                apiKey: { keyring: other-gateway }
                models: [m]

            """, with: "")
        #expect(withoutOther != text)
        try withoutOther.write(toFile: fewer, atomically: true, encoding: .utf8)
        let r = try sandbox.cli(["apply", fewer, "--secrets", "file"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("key file of other-gateway deleted"), "\(r.stdout)")
        #expect(Self.keyFiles(keys) == ["company-gateway"])
    }

    @Test("secret delete removes the key file too, and warns that a target still names it")
    func secretDelete() throws {
        let (sandbox, spec, keys) = try Self.sandbox()
        defer { sandbox.stop() }
        #expect(try sandbox.cli(["apply", spec, "--secrets", "file"]).status == 0)
        let r = try sandbox.cli(["secret", "delete", "company-gateway"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("deleted 'company-gateway' from the keyring"))
        #expect(r.stderr.contains("deleted its key file ~/.local/state/provider-sync/keys/company-gateway"), "\(r.stderr)")
        #expect(r.stderr.contains("still names that key file"), "\(r.stderr)")
        #expect(Self.keyFiles(keys) == ["other-gateway"])
        #expect(!r.output.contains(Self.secret))
        // Nothing left anywhere: deleting again is exit 1.
        #expect(try sandbox.cli(["secret", "delete", "company-gateway"]).status == 1)
    }
}
