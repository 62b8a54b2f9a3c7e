#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import TestSupport
import Testing

/// `--target managed`: OpenCode's managed file for every user, in a stand-in folder
/// (OPENCODE_TEST_MANAGED_CONFIG_DIR); never the real /etc.
@Suite("managed target")
struct ManagedTargetTests {
    static let spec = specText([SpecProvider(id: "team", name: "Team", url: "https://llm.example.com", apiKey: "{ env: TEAM_KEY }")],
                               model: "team/m1")

    static func managed(_ box: Sandbox) -> [String: String?] { ["OPENCODE_TEST_MANAGED_CONFIG_DIR": box.root + "/etc-opencode"] }

    @Test("as root: opencode.json 0644 in a 0755 folder, no key, enabled_providers only when asked (and removed when not)",
          .enabled(if: runningAsRoot))
    func writesTheManagedFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let file = box.root + "/etc-opencode/opencode.json"
        let r = try box.run(["apply", spec, "--target", "managed"], extra: Self.managed(box))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "managed (\(file)): created the file, added provider team, set model to team/m1\n")
        #expect(FileFacts(file)?.mode == 0o644)
        #expect(FileFacts(box.root + "/etc-opencode")?.mode == 0o755)
        let value = try parsed(try #require(fileText(file)))
        #expect(value["provider"]?["team"]?["options"]?["apiKey"] == "{env:TEAM_KEY}")
        #expect(value["enabled_providers"] == nil, "it would override every user's own list")
        #expect(FileFacts(box.authPath) == nil, "the admin's own auth.json is not the users'")

        let listed = try box.run(["apply", spec, "--target", "managed", "--managed-enabled-providers"], extra: Self.managed(box))
        #expect(listed.status == 0, "\(listed.stderr)")
        let list = try enabledProviders(file)
        #expect(list.contains("team") && list.contains("anthropic") && list.contains("custom") && list == list.sorted())
        #expect(FileFacts(file)?.mode == 0o644)
        let status = try box.run(["status", "--target", "managed"], extra: Self.managed(box))
        #expect(status.stdout.hasPrefix("managed: \(file) (managed, for every user)\n  owned providers: team\n"), "\(status.stdout)")

        #expect(try box.run(["apply", spec, "--target", "managed"], extra: Self.managed(box)).stdout.contains("removed enabled_providers"))
        #expect(try parsed(try #require(fileText(file)))["enabled_providers"] == nil)
        #expect(try box.run(["rollback", "--target", "managed"], extra: Self.managed(box)).status == 0)
        #expect(FileFacts(file)?.mode == 0o644, "a restored version is for every user too")
    }

    @Test("a key would go into the managed file (inline, file, a {file:} of the spec): refused before the keychain is asked; {env:} and --secrets auth pass")
    func noKeyInTheManagedFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let keychain = try box.write(specText([SpecProvider(id: "team", name: "Team", url: "https://llm.example.com", apiKey: "{ keyring: team-key }")]),
                                     to: "keychain.yaml")
        let keyFile = try box.write(specText([SpecProvider(id: "team", name: "Team", url: "https://llm.example.com", apiKey: "{ file: ~/team.key }")]),
                                    to: "keyfile.yaml")
        for (spec, mode) in [(keychain, "inline"), (keychain, "file"), (keyFile, "auth")] {
            let r = try box.run(["apply", spec, "--target", "managed", "--secrets", mode], extra: Self.managed(box))
            #expect(r.status == 2, "\(mode): \(r.stderr)")
            #expect(r.stderr.contains("the managed file is read by every user of this machine, so it holds no key, but team would put its key there"),
                    "\(r.stderr)")
            #expect(r.stderr.contains("use --secrets auth (each user's own auth.json) or apiKey: {env: VAR}"))
            #expect(!r.stderr.contains("keyring") || !r.stderr.contains("D-Bus"), "the keychain was not asked: \(r.stderr)")
        }
        #expect(FileFacts(box.root + "/etc-opencode") == nil)
        // In the auth mode the managed file holds the provider without a key; no keychain is needed for it.
        let auth = try box.run(["apply", keychain, "--target", "managed", "--secrets", "auth", "--dry-run"], extra: Self.managed(box))
        #expect(auth.status == 0, "\(auth.stderr)")
        #expect(auth.stdout.contains("would have: created the file, added provider team"))
    }

    @Test("not root: refused with exit 2 before anything is written (setpriv to nobody)",
          .enabled(if: runningAsRoot && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func needsRoot() throws {
        // Everything nobody must read lives in a folder it can read.
        var template = Array("/tmp/ps-managed-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { throw SandboxError("mkdtemp") }
        let root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { try? FileManager.default.removeItem(atPath: root) }
        chmod(root, 0o755)
        let spec = root + "/spec.yaml"
        try Self.spec.write(toFile: spec, atomically: true, encoding: .utf8)
        chmod(spec, 0o644)
        let home = root + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        chown(home, 65534, 65534)
        let r = try runProcess("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary, "apply", spec, "--target", "managed"],
                               environment: ["PATH": "/usr/bin:/bin", "HOME": home, "OPENCODE_TEST_MANAGED_CONFIG_DIR": root + "/etc-opencode"], folder: root)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("error: the managed target is \(root)/etc-opencode, the system's folder: run provider-sync as root (sudo) to write it; nothing was written"),
                "\(r.stderr)")
        #expect(FileFacts(root + "/etc-opencode") == nil)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: home)) == [], "not even the state folder")
    }

    @Test("an opencode.jsonc in the managed folder is the file written (OpenCode loads it after opencode.json)", .enabled(if: runningAsRoot))
    func managedJSONC() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let jsonc = try box.write("{\n  // set by the MDM\n  \"share\": \"disabled\"\n}\n", to: box.root + "/etc-opencode/opencode.jsonc")
        let r = try box.run(["apply", spec, "--target", "managed"], extra: Self.managed(box))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileText(jsonc)?.contains("// set by the MDM") == true)
        #expect(try providerIDs(jsonc) == ["team"])
        #expect(FileFacts(box.root + "/etc-opencode/opencode.json") == nil)
    }
}
