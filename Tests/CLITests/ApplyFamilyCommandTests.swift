import Foundation
import JSONCore
import TestSupport
import Testing

/// diff, render, status, rollback, paths: the commands around apply.
@Suite("apply family: diff, render, status, rollback, paths, help")
struct ApplyFamilyCommandTests {
    static let spec = specText([alphaProvider, betaProvider], model: "alpha/m1")

    // MARK: diff

    @Test("diff: exit 1 with a unified diff when apply would change something, 0 when not, writing nothing")
    func diffExitCodes() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")

        let changes = try box.run(["diff", spec])
        #expect(changes.status == 1, "\(changes.stderr)")
        let lines = changes.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "--- /dev/null")  // a new file
        #expect(lines.dropFirst().first == "+++ b\(box.openworkPath)")
        #expect(lines.dropFirst(2).first == "@@ -0,0 +1,28 @@", "\(changes.stdout)")
        #expect(lines.dropFirst(3).allSatisfy { $0.hasPrefix("+") || $0.isEmpty })
        #expect(lines.contains("+    \"alpha\": {"))
        #expect(lines.contains("+  \"model\": \"alpha/m1\""))
        #expect(FileFacts(box.openworkPath) == nil)
        #expect(FileFacts(box.home + "/.config") == nil)

        #expect(try box.run(["apply", spec]).status == 0)
        let none = try box.run(["diff", spec])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.isEmpty)

        // One change: only that hunk, with context, against the file as it is.
        #expect(changes.stdout.hasSuffix("+}\n"))
        let renamed = try box.write(Self.spec.replacingOccurrences(of: "name: Beta", with: "name: Beta Two"), to: "renamed.yaml")
        let one = try box.run(["diff", renamed])
        #expect(one.status == 1)
        #expect(one.stdout.hasPrefix("--- a\(box.openworkPath)\n+++ b\(box.openworkPath)\n@@ "), "\(one.stdout)")
        #expect(one.stdout.contains("-      \"name\": \"Beta\",\n+      \"name\": \"Beta Two\",\n"), "\(one.stdout)")
        #expect(one.stdout.components(separatedBy: "\n@@ ").count == 2)  // one hunk
    }

    @Test("diff: exit 2 on a target that is not valid JSON")
    func diffInvalidTarget() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = try box.write("{ \"a\": }\n", to: "opencode.json")
        let r = try box.run(["diff", spec, "--target", target])
        #expect(r.status == 2)
        #expect(r.stderr.contains("1:8: the file is not valid JSON or JSONC"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(fileText(target) == "{ \"a\": }\n")
    }

    @Test("diff and render --target never print an inline key found in the file")
    func keysMasked() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = box.work + "/opencode.json"
        #expect(try box.run(["apply", spec, "--target", target]).status == 0)
        // By hand: an inline key in a provider we own, and one in a provider of the user's.
        var text = try #require(fileText(target))
        text = text.replacingOccurrences(of: "\"{env:ALPHA_KEY}\"", with: "\"sk-secret-value-123456\"")
        text = text.replacingOccurrences(of: "  \"provider\": {\n",
                                         with: "  \"provider\": {\n    \"mine\": { \"options\": { \"apiKey\": \"sk-hand-made-987654\" } },\n")
        try box.write(text, to: target)

        let diff = try box.run(["diff", spec, "--target", target])
        #expect(diff.status == 1)
        #expect(diff.stdout.contains("-        \"apiKey\": \"********\"\n+        \"apiKey\": \"{env:ALPHA_KEY}\"\n"), "\(diff.stdout)")
        let render = try box.run(["render", spec, "--target", target])
        #expect(render.status == 0)
        #expect(render.stdout.contains("\"mine\": { \"options\": { \"apiKey\": \"********\" } },"))
        for output in [diff.stdout, diff.stderr, render.stdout, render.stderr] {
            #expect(!output.contains("sk-secret-value-123456"))
            #expect(!output.contains("sk-hand-made-987654"))
        }
        #expect(fileText(target) == text)  // neither wrote anything
    }

    // MARK: render

    @Test("render prints the pretty document; writes nothing")
    func renderDocument() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run(["render", CLI.repository + "/examples/tgi.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == GuideGolden.tgi)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.home).isEmpty)
    }

    @Test("render --target prints the merged file: exactly what apply then writes")
    func renderMerged() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = try box.write(ApplyMergeTests.handWritten, to: "opencode.json")
        let r = try box.run(["render", spec, "--target", target])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == ApplyMergeTests.merged)
        #expect(fileText(target) == ApplyMergeTests.handWritten)
        #expect(try box.run(["apply", spec, "--target", target]).status == 0)
        #expect(fileText(target) == r.stdout)
    }

    // MARK: status

    @Test("status, text and JSON: path, owned providers, last apply, then drift after a hand edit")
    func status() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")

        let never = try box.run(["status"])
        #expect(never.status == 0)
        #expect(never.stdout == "openwork: ~/.config/Openwork/opencode/opencode.json (no file)\n  never applied\n")

        let started = Date()
        #expect(try box.run(["apply", spec]).status == 0)
        let text = try box.run(["status"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "\(text.stdout)")
        #expect(lines.first == "openwork: ~/.config/Openwork/opencode/opencode.json")
        #expect(lines.dropFirst().first == "  owned providers: alpha, beta")
        #expect(lines.dropFirst(2).first?.hasPrefix("  last applied: ") == true)
        #expect(lines.dropFirst(3).first == "  drift: none")
        // What OpenCode makes of it: beta's key file is not there, and OpenCode stops on that.
        #expect(lines.dropFirst(4).first == "  OpenCode sees (OpenCode version unknown): none usable")
        #expect(lines.last == "    beta not usable: OpenCode fails on ~/.config/Openwork/opencode/opencode.json: {file:/run/keys/beta} "
            + "names /run/keys/beta, which does not exist (\"bad file reference\")")

        let json = try box.run(["status", "--format", "json"])
        #expect(json.status == 0)
        let report = try #require(try parsed(json.stdout, options: .json).arrayValue?.first)
        #expect(report["target"] == "openwork")
        #expect(report["path"] == .string(box.openworkPath))
        #expect(report["exists"] == true)
        #expect(report["ownedProviders"] == ["alpha", "beta"])
        #expect(report["ownedKeys"] == ["model"])
        #expect(report["drift"] == [])
        #expect(report["lastAppliedSpecHash"]?.stringValue?.isEmpty == false)
        let appliedAt = try #require(report["appliedAt"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(appliedAt.timeIntervalSince(started)) < 60)
        #expect(text.stdout.contains("last applied: \(report["appliedAt"]?.stringValue ?? "?")"))

        // A hand edit of an owned provider, and of the user's own key (not drift).
        var file = try #require(fileText(box.openworkPath))
        file = file.replacingOccurrences(of: "\"name\": \"Beta\"", with: "\"name\": \"Beta (mine now)\"")
        file = file.replacingOccurrences(of: "\"$schema\": \"https://opencode.ai/config.json\",", with: "\"$schema\": \"https://opencode.ai/config.json\",\n  \"theme\": \"dark\",")
        try box.write(file, to: box.openworkPath)
        let drifted = try box.run(["status"])
        #expect(drifted.stdout.contains("  drift:\n    provider beta was edited by hand\n"), "\(drifted.stdout)")
        let driftedJSON = try parsed(try box.run(["status", "--format", "json"]).stdout, options: .json)
        #expect(driftedJSON[0]?["drift"] == ["provider beta was edited by hand"])

        // Apply puts it back, says so, and the drift is gone.
        let fixed = try box.run(["apply", spec])
        #expect(fixed.stdout.contains("updated provider beta"))
        #expect(fixed.stderr.contains("provider beta was edited by hand since provider-sync wrote it"))
        #expect(try box.run(["status"]).stdout.contains("  drift: none\n"))
    }

    // MARK: rollback

    @Test("rollback: the previous version byte for byte, --steps 2 further back, too far is a clear error")
    func rollback() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let target = box.work + "/opencode.json"
        let original = "{\n  // mine\n  \"theme\": \"dark\"\n}\n"
        try box.write(original, to: target)
        var versions = [original]
        for (i, providers) in [[alphaProvider], [alphaProvider, betaProvider], [betaProvider]].enumerated() {
            let spec = try box.write(specText(providers), to: "spec\(i).yaml")
            let r = try box.run(["apply", spec, "--target", target])
            #expect(r.status == 0, "\(r.stderr)")
            versions.append(try #require(fileText(target)))
        }
        #expect(Set(versions).count == 4)

        let back = try box.run(["rollback", "--target", target])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.hasPrefix("\(target) (\(target)): restored the version saved "))
        #expect(fileText(target) == versions[2])
        #expect(FileFacts(target)?.mode == 0o600)

        // Undo the rollback (the replaced version went into the history), then two steps.
        #expect(try box.run(["rollback", "--target", target]).status == 0)
        #expect(fileText(target) == versions[3])
        let twoBack = try box.run(["rollback", "--target", target, "--steps", "2"])
        #expect(twoBack.status == 0, "\(twoBack.stderr)")
        #expect(fileText(target) == versions[1])
        #expect(try box.run(["rollback", "--target", target, "--steps", "3"]).status == 0)
        #expect(fileText(target) == versions[0])  // the hand-written file from before provider-sync

        let current = try #require(fileBytes(target))
        let tooFar = try box.run(["rollback", "--target", target, "--steps", "9"])
        #expect(tooFar.status != 0)
        #expect(tooFar.stderr.contains("cannot roll \(target) back 9 steps: only 3 previous versions are kept"), "\(tooFar.stderr)")
        #expect(fileBytes(target) == current)

        let none = try box.run(["rollback", "--target", box.work + "/never-written.json"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("only 0 previous versions are kept"))
        #expect(FileFacts(box.work + "/never-written.json") == nil)
    }

    @Test("after a rollback the state matches the restored file: no drift, and the next apply is exact")
    func applyAfterRollback() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let target = box.work + "/opencode.json"
        let specs = try [[alphaProvider, betaProvider], [alphaProvider]].enumerated().map { i, providers in
            try box.write(specText(providers, model: "alpha/m1"), to: "spec\(i).yaml")
        }
        #expect(try box.run(["apply", specs[0], "--target", target]).status == 0)
        let both = try #require(fileText(target))
        #expect(try box.run(["apply", specs[1], "--target", target]).status == 0)
        let alphaOnly = try #require(fileText(target))

        #expect(try box.run(["rollback", "--target", target]).status == 0)
        #expect(fileText(target) == both)
        let status = try box.run(["status", "--target", target, "--format", "json"])
        let report = try parsed(status.stdout, options: .json)[0]
        #expect(report?["drift"] == [], "\(status.stdout)")
        #expect(report?["ownedProviders"] == ["alpha", "beta"], "\(status.stdout)")

        // Applying the newer spec again must give exactly what it gave before the rollback.
        let again = try box.run(["apply", specs[1], "--target", target])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("removed provider beta"), "\(again.stdout)")
        #expect(fileText(target) == alphaOnly)
        // And the older one applies without a conflict.
        let older = try box.run(["apply", specs[0], "--target", target])
        #expect(older.status == 0, "\(older.stderr)")
        #expect(fileText(target) == both)
    }

    // MARK: paths

    @Test("paths --platform windows prints backslash paths from APPDATA, USERPROFILE, LOCALAPPDATA")
    func windowsPaths() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run(["paths", "--platform", "windows"], extra: [
            "APPDATA": #"C:\Users\dev\AppData\Roaming"#, "USERPROFILE": #"C:\Users\dev"#,
            "LOCALAPPDATA": #"C:\Users\dev\AppData\Local"#,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == #"""
            openwork    C:\Users\dev\AppData\Roaming\Openwork\opencode\opencode.json
            accomplish  C:\Users\dev\AppData\Roaming\Accomplish\opencode\opencode.json
            opencode    C:\Users\dev\.config\opencode\opencode.json
            state       C:\Users\dev\AppData\Local\provider-sync

            """#)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.home).isEmpty)
    }

    @Test("paths --platform macos prints the Library paths; the default here is Linux's")
    func macosAndLinuxPaths() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let mac = try box.run(["paths", "--platform", "macos"])
        #expect(mac.status == 0)
        #expect(mac.stdout == """
            openwork    \(box.home)/Library/Application Support/Openwork/opencode/opencode.json
            accomplish  \(box.home)/Library/Application Support/Accomplish/opencode/opencode.json
            opencode    \(box.home)/.config/opencode/opencode.json
            state       \(box.home)/Library/Application Support/provider-sync

            """)
        let linux = try box.run(["paths"])
        #expect(linux.status == 0)
        #expect(linux.stdout == """
            openwork    \(box.openworkPath)
            accomplish  \(box.home)/.config/Accomplish/opencode/opencode.json
            opencode    \(box.opencodePath)
            state       \(box.stateFolder)

            """)
    }

    // MARK: help

    @Test("--help of every command of the apply family exits 0 and shows its usage",
          arguments: ["apply", "diff", "render", "status", "rollback", "paths"])
    func help(_ command: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run([command, "--help"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("USAGE: provider-sync \(command)"), "\(r.stdout)")
        #expect(r.stderr.isEmpty)
    }
}
