import Foundation
import JSONCore
import Testing

@Suite("provider-sync validate")
struct ValidateCommandTests {
    /// The files of a folder of the checkout, each named: independent specs, not one folder spec.
    static func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: CLI.repository + "/" + folder)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    @Test("the bundled examples are valid, each on its own: exit 0, nothing on stdout")
    func examplesValid() throws {
        let r = try CLI.run(["validate"] + Self.files("examples"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "5 files valid\n")
    }

    @Test("the examples folder as one spec: its files declare the same providers and models, each clash an error")
    func examplesFolderIsOneSpec() throws {
        let r = try CLI.run(["validate", "--format", "json", "examples/"])
        #expect(r.status == 1)
        let codes = Set(try r.stdout.split(separator: "\n").map { try JSONParser.value(String($0))["code"]?.stringValue ?? "" })
        #expect(codes == ["spec.duplicate-provider", "spec.duplicate-setting"], "\(r.stdout)")
    }

    @Test("an invalid spec: exit 1, file:line:col, the source line, a caret and the hint")
    func invalidText() throws {
        let r = try CLI.run(["validate", "examples/invalid/misspelled-key.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout == """
            examples/invalid/misspelled-key.yaml:7:5: error: unknown property 'modles'
                modles:
                ^
            hint: did you mean 'models'?

            """)
        #expect(!r.stdout.contains("\u{1B}["), "no color when stdout is not a terminal")
        #expect(r.stderr == "1 error in 1 file\n")
    }

    @Test("every file is checked and every problem reported, not the first")
    func allFiles() throws {
        let r = try CLI.run(["validate"] + Self.files("examples/invalid") + ["examples/tgi.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.components(separatedBy: ": error: ").count - 1 == 11)
        #expect(r.stderr == "11 errors in 12 files\n")
    }

    @Test("--format json prints one object per diagnostic")
    func json() throws {
        let r = try CLI.run(["validate", "--format", "json", "examples/invalid/unknown-default-model.yaml", "examples/invalid/wrong-version.yaml"])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONParser.value(String(lines[0]))
        #expect(first["file"] == "examples/invalid/unknown-default-model.yaml")
        #expect(first["line"] == 9)
        #expect(first["column"] == 8)
        #expect(first["severity"] == "error")
        #expect(first["code"] == "spec.unknown-model")
        #expect(first["pointer"] == "/model")
        #expect(r.stderr.isEmpty)
    }

    @Test("--format github prints workflow annotations")
    func github() throws {
        let r = try CLI.run(["validate", "--format", "github", "examples/invalid/completions-url.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("::error file=examples/invalid/completions-url.yaml,line=7,col=10,title=provider-sync spec.endpoint-url::"))
    }

    @Test("a literal key is reported but never printed, in any format", arguments: ["text", "json", "github"])
    func secretNeverShown(format: String) throws {
        for file in ["literal-api-key.yaml", "bearer-header.yaml"] {
            let r = try CLI.run(["validate", "--format", format, "examples/invalid/\(file)"])
            #expect(r.status == 1)
            #expect(r.stdout.contains("literal") || r.stdout.contains("credential"))
            #expect(!r.stdout.contains("0123456789abcdef") && !r.stderr.contains("0123456789abcdef"))
        }
    }

    @Test("a warning alone exits 0, and 1 with --strict")
    func warnings() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            version: 1
            providers:
              remote:
                name: Remote
                url: http://gpu-box.example.com:8000
                models: [m]
            """.write(toFile: folder + "/providers.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate"], in: folder)
        #expect(r.status == 0)
        #expect(r.stdout.contains("providers.yaml:5:10: warning: plain http://"))
        #expect(try CLI.run(["validate", "--strict"], in: folder).status == 1)
    }

    @Test("the staged text can come from stdin, reported under the name given")
    func stdin() throws {
        let r = try CLI.run(["validate", "--stdin-name", "team/providers.yaml", "-"], stdin: "version: 1\nproviders: {}\nmodle: x\n")
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("team/providers.yaml:3:1: error: unknown property 'modle'"))
        #expect(r.stdout.contains("did you mean 'model'?"))
    }

    @Test("the source line is shown without BOM or CR, the caret counted in characters, not bytes")
    func sourceLine() throws {
        let text = "\u{FEFF}version: 1\r\nproviders:\r\n  p1: { name: \"日本\", url: \"http://localhost\", models: [m], modles: [m] }\r\n"
        let r = try CLI.run(["validate", "-"], stdin: text)
        #expect(r.status == 1)
        #expect(r.stdout == """
            <stdin>:3:59: error: unknown property 'modles'
              p1: { name: "日本", url: "http://localhost", models: [m], modles: [m] }
                                                                      ^
            hint: did you mean 'models'?

            """)
        let first = try CLI.run(["validate", "-"], stdin: "\u{FEFF}modle: 1\r\n")
        #expect(first.stdout.contains("<stdin>:1:1: error: unknown property 'modle'\nmodle: 1\n^\n"))
    }

    @Test("a missing file or a bad option is a usage error: exit 2")
    func usageErrors() throws {
        let missing = try CLI.run(["validate", "no-such-file.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-file.yaml"))
        let bad = try CLI.run(["validate", "--format", "xml"])
        #expect(bad.status == 2)
        #expect(try CLI.run(["no-such-command"]).status == 2)
    }

    @Test("help on every command exits 0", arguments: [
        ["--help"], ["validate", "--help"], ["schema", "--help"], ["init", "--help"], ["hook", "--help"],
        ["hook", "install", "--help"], ["version", "--help"],
    ])
    func help(arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE:"))
    }
}

@Suite("Strings compared by code points, through the binary")
struct CodePointCLITests {
    /// Two model ids that look alike ("\u{E9}" and "e\u{301}") are two models, in the spec and
    /// in opencode.json, and the default model must name one of them exactly.
    @Test func lookAlikeModelIDs() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let spec = specText([SpecProvider(id: "alpha", name: "Alpha", url: "http://localhost:9001",
                                          models: ["caf\u{E9}", "cafe\u{301}"])], model: "alpha/cafe\u{301}")
        let path = try sandbox.write(spec, to: "providers.yaml")
        let valid = try sandbox.run(["validate", path])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let rendered = try sandbox.run(["render", path])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let models = try #require(JSONParser.value(rendered.stdout)["provider"]?["alpha"]?["models"]?.objectValue)
        #expect(models.count == 2)

        let dangling = try sandbox.write(specText([SpecProvider(id: "alpha", name: "Alpha", url: "http://localhost:9001",
                                                                models: ["caf\u{E9}"])], model: "alpha/cafe\u{301}"),
                                         to: "dangling.yaml")
        let r = try sandbox.run(["validate", "--format", "json", dangling])
        #expect(r.status == 1)
        #expect(r.stdout.contains("spec.unknown-model"))
    }
}
