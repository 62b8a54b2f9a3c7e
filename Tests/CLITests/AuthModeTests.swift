#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import TestSupport
import Testing

/// `--secrets auth`: keychain keys in OpenCode's auth.json (its own credential store), next to
/// what OpenCode keeps there, with a real gnome-keyring on a private D-Bus session.
@Suite("secrets mode auth: OpenCode's auth.json",
       .needs(KeyringTools.available, "dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool"))
struct AuthModeTests {
    static let secret = "sk-auth-mode-value-5151515151"
    static let spec = """
        version: 1
        providers:
          gateway:
            name: Company AI Gateway
            url: https://ai-api.company.com/v1
            apiKey: { keyring: company-gateway }
            models: [m]
          local:
            name: Local
            url: http://localhost:8000
            models: [m]

        """
    /// What OpenCode keeps there after `opencode auth login` with Anthropic (OAuth).
    static let oauth = """
        {
          "anthropic": {
            "type": "oauth",
            "refresh": "rt-refresh-token-0000000001",
            "access": "at-access-token-0000000001",
            "expires": 1790000000000
          }
        }
        """

    static func sandbox() throws -> (KeyringSandbox, spec: String, config: String, auth: String) {
        let sandbox = try KeyringSandbox.unlocked()
        let spec = sandbox.folder + "/providers.yaml"
        try Self.spec.write(toFile: spec, atomically: true, encoding: .utf8)
        #expect(try sandbox.cli(["secret", "set", "company-gateway"], stdin: secret).status == 0)
        let auth = sandbox.folder + "/data/opencode/auth.json"
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/data/opencode", withIntermediateDirectories: true)
        try Self.oauth.write(toFile: auth, atomically: false, encoding: .utf8)
        chmod(auth, 0o600)
        return (sandbox, spec, sandbox.folder + "/config/opencode/opencode.json", auth)
    }

    @Test("the key goes into auth.json (0600) beside OpenCode's OAuth entry, kept byte for byte; opencode.json holds no apiKey; then removed again")
    func keysInAuthJSON() throws {
        let (sandbox, spec, config, auth) = try Self.sandbox()
        defer { sandbox.stop() }
        let r = try sandbox.cli(["apply", spec, "--target", "opencode", "--secrets", "auth"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("opencode (~/.local/share/opencode/auth.json): stored the key of gateway") ||
                r.stdout.contains("(\(auth)): stored the key of gateway"), "\(r.stdout)")
        let text = try #require(fileText(auth))
        #expect(text.hasPrefix(String(Self.oauth.dropLast(2))), "OpenCode's entry untouched:\n\(text)")
        #expect(try parsed(text)["gateway"] == ["type": "api", "key": .string(Self.secret)])
        #expect(try parsed(text)["local"] == nil, "a provider without a keychain key has no entry")
        #expect(FileFacts(auth)?.mode == 0o600)
        let written = try #require(fileText(config))
        #expect(!written.contains("apiKey"), "an apiKey, an empty one too, would win over auth.json:\n\(written)")

        // Shown everywhere with the key masked.
        for command in [["status", "--target", "opencode"], ["diff", spec, "--target", "opencode", "--secrets", "auth"],
                        ["render", spec, "--target", "opencode", "--secrets", "auth"], ["apply", spec, "--target", "opencode", "--secrets", "auth"]] {
            let out = try sandbox.cli(command)
            #expect(!out.output.contains(Self.secret) && !out.output.contains("rt-refresh-token"), "\(command): \(out.output)")
        }
        let status = try sandbox.cli(["status", "--target", "opencode"])
        #expect(status.stdout.contains("(OpenCode's auth.json: keys of the auth mode)\n  keys stored for: gateway\n"), "\(status.stdout)")
        let render = try sandbox.cli(["render", spec, "--target", "opencode", "--secrets", "auth"])
        #expect(!render.stdout.contains("apiKey"))

        // Back to inline: the entry goes, OpenCode's stays, the key is in opencode.json again.
        let inline = try sandbox.cli(["apply", spec, "--target", "opencode", "--secrets", "inline"])
        #expect(inline.status == 0, "\(inline.stderr)")
        #expect(inline.stdout.contains("removed the key of gateway"))
        #expect(try parsed(try #require(fileText(auth))) == (try parsed(Self.oauth)))
        #expect(fileText(config)?.contains(Self.secret) == true)
        #expect(!(try sandbox.cli(["status", "--target", "opencode"]).stdout.contains("auth.json")), "nothing of ours there any more")

        // auth again, then the provider leaves the spec: its entry leaves auth.json.
        #expect(try sandbox.cli(["apply", spec, "--target", "opencode", "--secrets", "auth"]).status == 0)
        let without = sandbox.folder + "/without.yaml"
        try "version: 1\nproviders:\n  local:\n    name: Local\n    url: http://localhost:8000\n    models: [m]\n"
            .write(toFile: without, atomically: true, encoding: .utf8)
        let dropped = try sandbox.cli(["apply", without, "--target", "opencode", "--secrets", "auth"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(try parsed(try #require(fileText(auth))) == (try parsed(Self.oauth)))
    }

    @Test("an auth.json entry for the spec's provider that OpenCode's own login made: a conflict, unless --adopt")
    func loginEntryConflicts() throws {
        let (sandbox, spec, _, auth) = try Self.sandbox()
        defer { sandbox.stop() }
        let login = #"{"gateway": {"type": "api", "key": "typed-in-by-hand-0000"}}"#
        try login.write(toFile: auth, atomically: false, encoding: .utf8)
        let r = try sandbox.cli(["apply", spec, "--target", "opencode", "--secrets", "auth"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("OpenCode's auth.json already holds a key for gateway that provider-sync did not store"), "\(r.stderr)")
        #expect(fileText(auth) == login)
        #expect(try sandbox.cli(["apply", spec, "--target", "opencode", "--secrets", "auth", "--adopt"]).status == 0)
        #expect(try parsed(try #require(fileText(auth)))["gateway"]?["key"] == .string(Self.secret))
    }

    @Test("OpenCode refreshes its token in auth.json while provider-sync merges: the refreshed token is kept",
          .needs(FolderWatch.isAvailable, "inotify"))
    func tokenRefreshDuringTheMerge() throws {
        let (sandbox, _, _, auth) = try Self.sandbox()
        defer { sandbox.stop() }
        var mergedAgain = 0
        for round in 0..<8 {
            // Each round changes opencode.json, which is written first: OpenCode writes auth.json then.
            let named = sandbox.folder + "/spec\(round).yaml"
            try Self.spec.replacingOccurrences(of: "name: Local", with: "name: Local \(round)").write(toFile: named, atomically: true, encoding: .utf8)
            let watch = try FolderWatch([sandbox.folder + "/config/opencode", sandbox.folder + "/data/opencode"].filter {
                FileManager.default.fileExists(atPath: $0)
            })
            let out = sandbox.folder + "/out", err = sandbox.folder + "/err"
            let child = try ChildProcess([CLI.binary, "apply", named, "--target", "opencode", "--secrets", "auth"],
                                         environment: sandbox.environment, stdout: out, stderr: err)
            #expect(watch.waitForCreation(timeout: .seconds(20)))
            let refreshed = Self.oauth.replacingOccurrences(of: "0000000001", with: "refreshed-\(round)")
            let fd = open(auth, O_WRONLY | O_TRUNC)  // OpenCode rewrites the whole file
            _ = refreshed.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            #expect(child.wait() == .exited(0), "\(fileText(err) ?? "")")
            let text = try #require(fileText(auth))
            #expect(text.contains("at-access-token-refreshed-\(round)"), "round \(round): OpenCode's refresh was lost:\n\(text)")
            // Written between provider-sync's read and its rename: merged again into OpenCode's version.
            if fileText(err)?.contains("merged again into its version") == true {
                mergedAgain += 1
                #expect(try parsed(text)["gateway"]?["key"] == .string(Self.secret), "round \(round)")
            }
            _ = out
        }
        #expect(mergedAgain > 0, "OpenCode's write never landed inside the merge: the test proved nothing")
    }
}
