import Foundation
import JSONCore
import Testing

/// `provider-sync explain` through the binary: real files in a sandbox HOME, a fake `opencode`
/// on PATH that prints a version (OpenCode itself cannot be installed here), the app's
/// installed resources under PROVIDER_SYNC_APP_RESOURCES, the managed folder under OpenCode's
/// own OPENCODE_TEST_MANAGED_CONFIG_DIR.
@Suite("explain: what OpenCode sees")
struct ExplainCommandTests {
    static let spec = specText([SpecProvider(id: "alpha", name: "Alpha", url: "http://127.0.0.1:9001/v1"),
                                SpecProvider(id: "beta", name: "Beta", url: "http://127.0.0.1:9002/v1")],
                               model: "alpha/m1")

    /// A sandbox with the spec applied to `target`, a fake `opencode` printing `version` on
    /// PATH, and the managed folder pointed into the sandbox.
    final class Bench {
        let box: Sandbox
        var extra: [String: String?]

        init(target: String = "opencode", version: String? = "1.4.3") throws {
            box = try Sandbox()
            extra = ["OPENCODE_TEST_MANAGED_CONFIG_DIR": box.root + "/managed"]
            if let version {
                let program = try box.write("#!/bin/sh\necho \"\(version)\"\n", to: box.root + "/bin/opencode", mode: 0o755)
                extra["PATH"] = (program as NSString).deletingLastPathComponent + ":/usr/bin:/bin"
            }
            try box.write(ExplainCommandTests.spec, to: "providers.yaml")
            let applied = try box.run(["apply", "--target", target], extra: extra)
            guard applied.status == 0 else { throw SandboxError("apply: \(applied.stderr)") }
        }

        deinit { box.remove() }

        func explain(_ arguments: [String] = []) throws -> CLI.Result {
            try box.run(["explain"] + arguments, extra: extra)
        }

        func json(_ arguments: [String] = []) throws -> (status: Int32, value: JSONValue) {
            let r = try explain(arguments + ["--format", "json"])
            return (r.status, try JSONParser.value(r.stdout))
        }
    }

    @Test("a project opencode.json's enabled_providers is reported as removing the providers, by name; the version is opencode --version's")
    func projectEnabledProviders() throws {
        let bench = try Bench()
        let box = bench.box
        try box.write("", to: "repo/.git/HEAD")
        let project = try box.write(#"{"enabled_providers": ["anthropic", "alpha"]}"#, to: "repo/opencode.json")
        let text = try bench.explain(["--target", "opencode", "--cwd", box.work + "/repo"])
        #expect(text.status == 1, "\(text.stderr)")
        #expect(text.stdout.contains("OpenCode 1.4.3 (\(box.root)/bin/opencode --version)"), "\(text.stdout)")
        #expect(text.stdout.contains("✓ alpha: usable"))
        #expect(text.stdout.contains("✗ beta: not enabled: enabled_providers in \(project) does not list it (it lists alpha, anthropic)"),
                "\(text.stdout)")
        #expect(text.stdout.contains("project: \(project) (sets enabled_providers)"))

        let (status, json) = try bench.json(["--target", "opencode", "--cwd", box.work + "/repo"])
        #expect(status == 1)
        #expect(json["usable"] == false)
        let target = try #require(json["targets"]?[0])
        #expect(target["opencode"] == ["version": "1.4.3", "source": "path", "from": .string(box.root + "/bin/opencode")])
        #expect(target["situation"]?["startedBy"] == "terminal")
        let beta = try #require(target["providers"]?.arrayValue?.first { $0["id"] == "beta" })
        #expect(beta["usable"] == false && beta["reason"] == "notEnabled" && beta["decidingFile"] == .string(project))
        let layers = try #require(target["outcomes"]?[0]?["layers"]?.arrayValue)
        let projectLayer = try #require(layers.first { $0["path"] == .string(project) })
        #expect(projectLayer["kind"] == "project" && projectLayer["exists"] == true && projectLayer["setsEnabledProviders"] == true
            && projectLayer["setsDisabledProviders"] == false)
        let own = try #require(layers.first { $0["target"] == true })
        #expect(own["path"] == .string(box.opencodePath))

        // Outside that project both are usable: exit 0.
        #expect(try bench.explain(["--target", "opencode"]).status == 0)
    }

    @Test("a global disabled_providers wins over enabled_providers")
    func globalDisabledProviders() throws {
        let bench = try Bench()
        let global = try bench.box.write(#"{"disabled_providers": ["alpha"], "enabled_providers": ["alpha", "beta"]}"#,
                                         to: bench.box.home + "/.config/opencode/opencode.jsonc")
        let (status, json) = try bench.json(["--target", "opencode"])
        #expect(status == 1)
        let alpha = try #require(json["targets"]?[0]?["providers"]?[0])
        #expect(alpha["id"] == "alpha" && alpha["reason"] == "disabled" && alpha["decidingFile"] == .string(global))
        #expect(json["targets"]?[0]?["providers"]?[1]?["usable"] == true)
        #expect(json["targets"]?[0]?["model"]?["providerUsable"] == false)
    }

    @Test("OPENCODE_CONFIG_CONTENT comes after the files: its list decides, and its text is never shown")
    func configContent() throws {
        let bench = try Bench()
        try bench.box.write(#"{"enabled_providers": ["anthropic"]}"#, to: bench.box.home + "/.config/opencode/opencode.jsonc")
        #expect(try bench.explain(["--target", "opencode"]).status == 1)
        bench.extra["OPENCODE_CONFIG_CONTENT"] = #"{"enabled_providers": ["alpha", "beta"], "provider": {"x": {"options": {"apiKey": "sk-content-secret-1234"}}}}"#
        let text = try bench.explain(["--target", "opencode"])
        #expect(text.status == 0, "\(text.stdout)")
        #expect(text.stdout.contains("OPENCODE_CONFIG_CONTENT=(set)") && text.stdout.contains("OPENCODE_CONFIG_CONTENT: OPENCODE_CONFIG_CONTENT (sets enabled_providers)"))
        #expect(!text.stdout.contains("sk-content"))
        bench.extra["OPENCODE_CONFIG_CONTENT"] = #"{"disabled_providers": ["beta"]}"#
        let (status, json) = try bench.json(["--target", "opencode"])
        #expect(status == 1 && json["targets"]?[0]?["providers"]?[1]?["decidingFile"] == "OPENCODE_CONFIG_CONTENT")
    }

    @Test("the managed folder (OPENCODE_TEST_MANAGED_CONFIG_DIR) comes last; before 1.3.0 both outcomes")
    func managedFolder() throws {
        let bench = try Bench()
        let managed = try bench.box.write(#"{"enabled_providers": ["beta"]}"#, to: bench.box.root + "/managed/opencode.json")
        let (status, json) = try bench.json(["--target", "opencode"])
        #expect(status == 1)
        let target = try #require(json["targets"]?[0])
        #expect(target["providers"]?[0]?["reason"] == "notEnabled" && target["providers"]?[0]?["decidingFile"] == .string(managed))
        #expect(target["outcomes"]?[0]?["layers"]?.arrayValue?.last?["kind"] == "managed")

        let early = try bench.json(["--target", "opencode", "--opencode-version", "1.2.10"])
        #expect(early.status == 1)
        let outcomes = try #require(early.value["targets"]?[0]?["outcomes"]?.arrayValue)
        #expect(outcomes.count == 2)
        #expect(outcomes.map { $0["providers"]?[0]?["usable"] } == [true, false])
        #expect(outcomes[1]["assumes"] == ["the managed folder loads last (OpenCode 1.3.0 and later)"])
        #expect(early.value["targets"]?[0]?["opencode"]?["source"] == "option")
    }

    /// The app's file as the app leaves it (its own enabled_providers, then our apply added
    /// ours), and an opencode.jsonc beside it whose list names only the app's.
    func appBench(bundled: String?) throws -> (Bench, jsonc: String, resources: String) {
        let bench = try Bench(target: "accomplish", version: "9.9.9")
        let box = bench.box
        let folder = box.home + "/.config/Accomplish/opencode"
        try box.write(#"{"$schema": "https://opencode.ai/config.json", "enabled_providers": ["anthropic", "openai"], "default_agent": "accomplish"}"#,
                      to: folder + "/opencode.json")
        let applied = try box.run(["apply", "--target", "accomplish"], extra: bench.extra)
        #expect(applied.status == 0 && applied.stdout.contains("added alpha to enabled_providers"), "\(applied.stdout)")
        let jsonc = try box.write(#"{"enabled_providers": ["anthropic", "openai"]}"#, to: folder + "/opencode.jsonc")
        let resources = box.root + "/Accomplish/resources"
        bench.extra["PROVIDER_SYNC_APP_RESOURCES"] = resources
        if let bundled {
            try box.write(#"{"name": "opencode-ai", "version": "\#(bundled)"}"#, to: resources + "/app.asar.unpacked/node_modules/opencode-ai/package.json")
        }
        return (bench, jsonc, resources)
    }

    @Test("the app under 1.2.x: opencode.jsonc first, so the app's own file (with ours enabled) is the last layer")
    func appJsoncFirst() throws {
        let (bench, _, resources) = try appBench(bundled: "1.2.1")
        let text = try bench.explain(["--target", "accomplish"])
        #expect(text.status == 0, "\(text.stdout)")
        #expect(text.stdout.contains("OpenCode as the Accomplish app starts it"))
        #expect(text.stdout.contains("OpenCode 1.2.1 (bundled with the app: \(resources)/app.asar.unpacked/node_modules/opencode-ai/package.json)"),
                "\(text.stdout)")
        let (_, json) = try bench.json(["--target", "accomplish"])
        let target = try #require(json["targets"]?[0])
        #expect(target["situation"]?["startedBy"] == "app" && target["situation"]?["app"] == "Accomplish")
        #expect(target["situation"]?["variables"]?["OPENCODE_CONFIG_DIR"] == .string(bench.box.home + "/.config/Accomplish/opencode"))
        #expect(target["opencode"]?["source"] == "app" && target["opencode"]?["version"] == "1.2.1")
        #expect(target["outcomes"]?.arrayValue?.count == 1)
    }

    @Test("the app under 1.4.x: opencode.json first, so the opencode.jsonc beside it decides")
    func appJsonFirst() throws {
        let (bench, jsonc, _) = try appBench(bundled: "1.4.3")
        let text = try bench.explain(["--target", "accomplish"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("✗ alpha: not enabled: enabled_providers in ~/.config/Accomplish/opencode/opencode.jsonc does not list it"),
                "\(text.stdout)")
        let (_, json) = try bench.json(["--target", "accomplish"])
        #expect(json["targets"]?[0]?["providers"]?[1]?["decidingFile"] == .string(jsonc))
    }

    @Test("the app with its version unknown: both outcomes, each with what it assumes; exit 1")
    func appVersionUnknown() throws {
        let (bench, _, _) = try appBench(bundled: nil)
        let text = try bench.explain(["--target", "accomplish"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("OpenCode version: unknown (no Accomplish install found in"), "\(text.stdout)")
        #expect(text.stdout.contains("2 outcomes"))
        #expect(text.stdout.contains("1. if OPENCODE_CONFIG_DIR and .opencode folders load opencode.jsonc, then opencode.json (OpenCode before 1.3.0):"))
        #expect(text.stdout.contains("2. if OPENCODE_CONFIG_DIR and .opencode folders load opencode.json, then opencode.jsonc (OpenCode 1.3.8 and later):"))
        let (_, json) = try bench.json(["--target", "accomplish"])
        let target = try #require(json["targets"]?[0])
        #expect(target["opencode"] == ["version": nil, "source": "unknown", "from": .string("no Accomplish install found in \(bench.box.root)/Accomplish/resources")])
        #expect(target["outcomes"]?.arrayValue?.map { $0["providers"]?[0]?["usable"] } == [true, false])
        #expect(target["providers"]?[0]?["usable"] == false)  // not usable in every outcome
        // The option decides it.
        #expect(try bench.explain(["--target", "accomplish", "--opencode-version", "1.2.27"]).status == 0)
    }

    @Test("exit 2: an invalid spec, a version that is not one, a target whose folder cannot be found")
    func errors() throws {
        let bench = try Bench()
        let bad = try bench.box.write("version: 1\nproviders:\n  a:\n    name: A\n", to: "bad.yaml")
        let invalid = try bench.explain([bad])
        #expect(invalid.status == 2, "\(invalid.stderr)")
        let version = try bench.explain(["--opencode-version", "1.2"])
        #expect(version.status == 2 && version.stderr.contains("1.4.3"), "\(version.stderr)")
        let noHome = try bench.box.run(["explain", "--target", "opencode"], extra: ["HOME": nil])
        #expect(noHome.status == 2 && noHome.stderr.contains("HOME"), "\(noHome.stderr)")
    }

    @Test("status shows the same verdict per target, in text and JSON")
    func statusVerdict() throws {
        let bench = try Bench()
        let global = try bench.box.write(#"{"disabled_providers": ["beta"]}"#, to: bench.box.home + "/.config/opencode/opencode.jsonc")
        let text = try bench.box.run(["status", "--target", "opencode"], extra: bench.extra)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("  OpenCode sees (OpenCode 1.4.3): alpha usable\n"), "\(text.stdout)")
        #expect(text.stdout.contains("    beta not usable: disabled_providers in ~/.config/opencode/opencode.jsonc lists it\n"))
        let json = try JSONParser.value(try bench.box.run(["status", "--target", "opencode", "--format", "json"], extra: bench.extra).stdout)
        let verdict = try #require(json[0]?["verdict"])
        #expect(verdict["usable"] == ["alpha"] && verdict["opencodeVersion"] == "1.4.3" && verdict["versionSource"] == "path")
        #expect(verdict["unusable"]?[0]?["id"] == "beta" && verdict["unusable"]?[0]?["reason"] == "disabled"
            && verdict["unusable"]?[0]?["file"] == .string(global))
    }
}
