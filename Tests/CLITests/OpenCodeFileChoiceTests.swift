import Foundation
import JSONCore
import Testing

/// `--target opencode` writes the file the user already has: OpenCode's global folder loads
/// config.json, opencode.json, then opencode.jsonc, so the last one there wins.
@Suite("opencode target: the file the user already uses")
struct OpenCodeFileChoiceTests {
    static let spec = specText([alphaProvider], model: "alpha/m1")

    @Test("only opencode.jsonc: written there, its comments kept; no opencode.json made")
    func jsoncOnly() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let jsonc = try box.write("// my OpenCode settings\n{\n  \"theme\": \"dark\", // keep this\n}\n", to: box.opencodePath + "c")
        let r = try box.run(["apply", spec, "--target", "opencode"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "opencode (~/.config/opencode/opencode.jsonc): added provider alpha, set model to alpha/m1, added $schema\n")
        let text = try #require(fileText(jsonc))
        #expect(text.hasPrefix("// my OpenCode settings\n{\n"))
        #expect(text.contains("\"theme\": \"dark\", // keep this\n"))
        #expect(try providerIDs(jsonc) == ["alpha"])
        #expect(FileFacts(box.opencodePath) == nil)
    }

    @Test("only config.json: opencode.json is made, which OpenCode loads after it")
    func legacyOnly() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let legacy = try box.write("{ \"theme\": \"dark\" }\n", to: box.home + "/.config/opencode/config.json")
        #expect(try box.run(["apply", spec, "--target", "opencode"]).status == 0)
        #expect(try providerIDs(box.opencodePath) == ["alpha"])
        #expect(fileText(legacy) == "{ \"theme\": \"dark\" }\n")
    }

    @Test("our entries in opencode.json, then an opencode.jsonc appears: status warns; apply moves them (one transaction, both histories); rollback puts both back")
    func moveIntoJSONC() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        #expect(try box.run(["apply", spec, "--target", "opencode"]).status == 0)
        // The user keeps their own settings in opencode.json too.
        let before = try #require(fileText(box.opencodePath)).replacingOccurrences(of: "  \"provider\": {", with: "  \"theme\": \"dark\",\n  \"provider\": {")
        try box.write(before, to: box.opencodePath)
        #expect(try box.run(["apply", spec, "--target", "opencode"]).stdout.hasSuffix("up to date\n"))
        let jsoncText = "{\n  // made by hand later\n  \"model\": \"anthropic/claude\",\n  \"enabled_providers\": [\"anthropic\"]\n}\n"
        let jsonc = try box.write(jsoncText, to: box.opencodePath + "c")

        let status = try box.run(["status", "--target", "opencode"])
        #expect(status.stdout.contains("  warning: ~/.config/opencode/opencode.jsonc, which OpenCode loads after this file, sets model too, and its value wins\n"),
                "\(status.stdout)")
        #expect(status.stdout.contains("sets enabled_providers without alpha, so OpenCode does not load it"))
        let json = try parsed(try box.run(["status", "--target", "opencode", "--format", "json"]).stdout, options: .json)
        #expect(json["targets"]?.arrayValue?.map { $0["role"] } == ["config", "retired"])
        #expect(json["targets"]?[1]?["warnings"]?.arrayValue?.count == 2)

        let moved = try box.run(["apply", spec, "--target", "opencode"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout == """
            opencode (~/.config/opencode/opencode.jsonc): added provider alpha, set model to alpha/m1 (was anthropic/claude), added $schema, added alpha to enabled_providers
            opencode (~/.config/opencode/opencode.json): removed provider alpha, removed model

            """, "\(moved.stdout)")
        #expect(try providerIDs(jsonc) == ["alpha"])
        #expect(fileText(jsonc)?.contains("// made by hand later") == true)
        let left = try parsed(try #require(fileText(box.opencodePath)))
        #expect(left["theme"] == "dark" && left["model"] == nil && left["provider"]?["alpha"] == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.stateFolder + "/history").count == 2, "a history per file")
        let after = try box.run(["status", "--target", "opencode"])
        #expect(!after.stdout.contains("warning"), "\(after.stdout)")
        #expect(try box.run(["apply", spec, "--target", "opencode"]).stdout == "opencode (~/.config/opencode/opencode.jsonc): up to date\n")

        let back = try box.run(["rollback", "--target", "opencode"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(fileText(box.opencodePath) == before)
        #expect(fileText(jsonc) == jsoncText)
    }
}
