import Foundation
import JSONCore
import Testing

/// Specs written to hurt: huge lines, terminal escape codes, credentials in URLs, control
/// characters in values. Each through the binary, as a pre-commit hook or CI runs it.
@Suite("validate and render: hostile spec text")
struct HostileSpecTextTests {
    func run(_ arguments: [String], spec: String, name: String = "providers.yaml") throws -> CLI.Result {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write(spec, to: name)
        return try sandbox.run(arguments.map { $0 == "SPEC" ? path : $0 })
    }

    /// No raw control character but line breaks and tabs: nothing a terminal would act on.
    func expectNoRawControls(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
        #expect(raw.isEmpty, "raw controls \(raw.map { String($0.value, radix: 16) }) in \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    /// No line that GitHub Actions would run as a workflow command.
    func expectNoWorkflowCommands(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = text.split(separator: "\n").filter { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") }
        #expect(lines.isEmpty, "workflow commands: \(lines)", sourceLocation: sourceLocation)
    }

    @Test("a 2 MB line with an error prints a window of about 120 columns, with the caret under the spot")
    func hugeLineExcerptIsAWindow() throws {
        let filler = String(repeating: "a", count: 2_000_000)
        let spec = "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000\n    models: [{id: \"\(filler)\", bad: 1}]\n"
        let r = try run(["validate", "SPEC"], spec: spec)
        #expect(r.status == 1)
        #expect(r.stdout.utf8.count < 1000, "printed \(r.stdout.utf8.count) bytes")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasSuffix("error: unknown property 'bad'"), "\(lines[0])")
        let excerpt = lines[1], caret = lines[2]
        #expect(excerpt.hasPrefix("…") && excerpt.hasSuffix("bad: 1}]"), "\(excerpt)")
        #expect(excerpt.unicodeScalars.count <= 122)
        // The caret stands under the 'b' of 'bad'.
        let caretColumn = caret.unicodeScalars.count - 1
        let excerptScalars = Array(excerpt.unicodeScalars)
        #expect(caret.hasSuffix("^") && String(String.UnicodeScalarView(excerptScalars[caretColumn...].prefix(3))) == "bad", "\(excerpt)\n\(caret)")
    }

    @Test("a message built from a 100 KB property name is cut at 1 KiB, saying how much was cut")
    func hugeNameInAMessageIsCut() throws {
        let name = String(repeating: "n", count: 100_000)
        // An explicit key ("? "): an implicit one is limited to 1024 characters by YAML.
        let spec = "version: 1\nproviders: {}\n? \(name)\n: 1\n"
        let r = try run(["validate", "SPEC"], spec: spec)
        #expect(r.status == 1)
        #expect(r.stdout.utf8.count < 3000, "printed \(r.stdout.utf8.count) bytes")
        #expect(r.stdout.contains("bytes cut]"), "\(r.stdout.prefix(300))")
        let json = try run(["validate", "--format", "json", "SPEC"], spec: spec)
        // The message is cut; the pointer is data for scripts and stays whole.
        let message = try JSONParser.value(String(json.stdout.split(separator: "\n")[0]))["message"]?.stringValue ?? ""
        #expect(message.utf8.count <= 1024 && message.hasSuffix("bytes cut]"), "\(message.prefix(200))")
    }

    @Test("escape codes and line breaks in spec text are shown as escapes, in text and github formats")
    func escapeCodesAreVisible() throws {
        let spec = """
            version: 1
            providers:
              p:
                name: "Evil\\e]0;title\\a\\e[31mred"
                url: http://localhost:8000
                "x\\r\\n::error::fake": 1
                models: [m]

            """
        let text = try run(["validate", "SPEC"], spec: spec)
        #expect(text.status == 1)
        expectNoRawControls(text.stdout + text.stderr)
        expectNoWorkflowCommands(text.stdout + text.stderr)
        #expect(text.stdout.contains("unknown property 'x\\r\\n::error::fake'"), "\(text.stdout)")

        let github = try run(["validate", "--format", "github", "SPEC"], spec: spec)
        #expect(github.status == 1)
        expectNoRawControls(github.stdout)
        let annotations = github.stdout.split(separator: "\n")
        #expect(annotations.count == 2, "\(github.stdout)")
        #expect(annotations.allSatisfy { $0.hasPrefix("::error file=") })
    }

    @Test("a file name with an escape code is shown escaped in the error")
    func fileNameWithEscapeCode() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let r = try sandbox.run(["validate", "missing\u{1B}[31m.yaml"])
        #expect(r.status == 2)
        expectNoRawControls(r.stderr)
        #expect(r.stderr.contains("missing\\x1b[31m.yaml"), "\(r.stderr)")
    }

    @Test("control characters are schema errors in names, ids, header values and URLs; nothing is rendered",
          arguments: [
              ("name: \"A\\e[31m\"", "/providers/p/name"),
              ("headers: { X-Team: \"a\\r\\nX-Injected: 1\" }", "/providers/p/headers/X-Team"),
              ("models: [\"m\\nx\"]", "/providers/p/models/0"),
              ("models: [{id: \"m\\tx\"}]", "/providers/p/models/0/id"),
              ("caFile: \"/tmp/ca\\x85.pem\"", "/providers/p/caFile"),
          ])
    func controlCharacters(line: String, pointer: String) throws {
        let spec = "version: 1\nproviders:\n  p:\n    url: http://localhost:8000\n    \(line)\n"
            + (line.hasPrefix("name") ? "" : "    name: P\n") + (line.hasPrefix("models") ? "" : "    models: [m]\n")
        let r = try run(["validate", "--format", "json", "SPEC"], spec: spec)
        #expect(r.status == 1, "\(r.stdout)")
        let diagnostics = try r.stdout.split(separator: "\n").map { try JSONParser.value(String($0)) }
        #expect(diagnostics.contains { $0["code"] == "spec.control-character" && $0["pointer"]?.stringValue == pointer }, "\(r.stdout)")
        let render = try run(["render", "SPEC"], spec: spec)
        #expect(render.status == 1)
        #expect(render.stdout.isEmpty)
    }

    @Test("a URL with a control character or a tab is invalid")
    func urlWithControl() throws {
        for url in ["\"http://localhost:8000/v1\\e[2J\"", "\"http://local\\thost:8000\""] {
            let r = try run(["validate", "SPEC"], spec: "version: 1\nproviders:\n  p:\n    name: P\n    url: \(url)\n    models: [m]\n")
            #expect(r.status == 1, "\(url): \(r.stdout)")
            expectNoRawControls(r.stdout)
        }
    }

    @Test("a password in the URL, or a token in its query, is a literal secret: exit 1, never printed",
          arguments: ["https://bob:hunter2-PASSWORD@gw.example.com/v1", "https://gw.example.com/v1?api_key=sk-QUERYSECRET-123",
                      "https://gw.example.com/v1?a=1&signature=SIGSECRET99", "https://sk-USERINFOKEY-abcdefghijkl@gw.example.com/v1"])
    func credentialsInTheURL(url: String) throws {
        let spec = "version: 1\nproviders:\n  gw:\n    name: GW\n    url: \(url)\n    models: [m]\n"
        let secret = ["hunter2-PASSWORD", "sk-QUERYSECRET-123", "SIGSECRET99", "sk-USERINFOKEY-abcdefghijkl"].first { url.contains($0) }!
        for format in ["text", "json", "github"] {
            let r = try run(["validate", "--format", format, "SPEC"], spec: spec)
            #expect(r.status == 1, "\(format): \(r.stdout)")
            #expect(r.stdout.contains("spec.literal-secret") || r.stdout.contains("credential"), "\(r.stdout)")
            #expect(!(r.stdout + r.stderr).contains(secret), "\(format): \(r.stdout)")
        }
        for command in ["render", "diff", "apply"] {
            let r = try run([command, "SPEC"], spec: spec)
            #expect(r.status == (command == "diff" ? 2 : 1), "\(command)")  // diff: 1 means changes
            #expect(!(r.stdout + r.stderr).contains(secret), "\(command): \(r.stderr)")
        }
    }

    @Test("a query or fragment in url is an error naming queryParams; queryParams are rendered into options.queryParams")
    func queryInTheURL() throws {
        let withQuery = try run(["validate", "SPEC"], spec: """
            version: 1
            providers:
              az:
                name: Azure
                url: https://res.openai.azure.com/openai?api-version=2024-10-21
                models: [gpt-4o]

            """)
        #expect(withQuery.status == 1)
        #expect(withQuery.stdout.contains("error: the URL has a query"), "\(withQuery.stdout)")
        #expect(withQuery.stdout.contains("move the parameters to `queryParams` (api-version: ...)"), "\(withQuery.stdout)")

        let fragment = try run(["validate", "--format", "json", "SPEC"], spec: "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000/v1#x\n    models: [m]\n")
        #expect(fragment.status == 1)
        #expect(fragment.stdout.contains("\"code\":\"spec.url-query\""))

        let params = """
            version: 1
            providers:
              az:
                name: Azure
                url: https://res.openai.azure.com/openai
                queryParams: { api-version: "2024-10-21", api-key: "{env:AZURE_KEY}" }
                models: [gpt-4o]

            """
        let rendered = try run(["render", "SPEC"], spec: params)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let options = try JSONParser.value(rendered.stdout)["provider"]?["az"]?["options"]
        #expect(options?["baseURL"] == "https://res.openai.azure.com/openai")
        #expect(options?["queryParams"] == .object(JSONObject([("api-version", "2024-10-21"), ("api-key", "{env:AZURE_KEY}")])))
    }

    @Test("a token-like queryParams name with a literal value is a literal secret", arguments: ["api_key", "token", "sig", "X-Amz-Signature", "password"])
    func secretQueryParam(name: String) throws {
        let spec = "version: 1\nproviders:\n  p:\n    name: P\n    url: https://gw.example.com/v1\n    queryParams: { \(name): QPSECRET-value-77 }\n    models: [m]\n"
        let r = try run(["validate", "SPEC"], spec: spec)
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("error: query parameter '\(name)' carries a credential"), "\(r.stdout)")
        #expect(!r.stdout.contains("QPSECRET"), "\(r.stdout)")
    }

    @Test("a broken IPv6 address or port is an error; output above context is a warning")
    func hostAndLimits() throws {
        for (url, problem) in [("http://[::1/v1", "no closing ']'"), ("http://localhost:99999/v1", "not a number from 1 to 65535"),
                               ("http://[zz]:80/v1", "is not an IPv6 address"), ("http://:80/v1", "the host is empty")] {
            let r = try run(["validate", "SPEC"], spec: "version: 1\nproviders:\n  p:\n    name: P\n    url: \(url)\n    models: [m]\n")
            #expect(r.status == 1, "\(url)")
            #expect(r.stdout.contains(problem), "\(url): \(r.stdout)")
        }
        let fine = try run(["validate", "SPEC"], spec: "version: 1\nproviders:\n  p:\n    name: P\n    url: http://[::1]:8000/v1\n    models: [m]\n")
        #expect(fine.status == 0, "\(fine.stdout)")
        let limits = try run(["validate", "SPEC"], spec: "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000\n    models: [{id: m, context: 4096, output: 8192}]\n")
        #expect(limits.status == 0)
        #expect(limits.stdout.contains("warning: output (8192) is larger than context (4096)"), "\(limits.stdout)")
        #expect(try run(["validate", "--strict", "SPEC"], spec: "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000\n    models: [{id: m, context: 4096, output: 8192}]\n").status == 1)
    }

    @Test("tab indentation gets the hint to indent with spaces")
    func tabIndentation() throws {
        let r = try run(["validate", "SPEC"], spec: "version: 1\nproviders:\n  p:\n\tname: P\n")
        #expect(r.status == 1)
        #expect(r.stdout.contains("hint: YAML forbids tabs for indentation; indent with spaces"), "\(r.stdout)")
    }

    @Test("a pointer to a key holding '~' or '/' with a combining mark is escaped (RFC 6901), not taken as one Character")
    func pointerEscapesByScalars() throws {
        let r = try run(["validate", "--format", "json", "SPEC"], spec: "version: 1\nproviders: {}\n\"a~\\u0301/\\u0301b\": 1\n")
        #expect(r.status == 1)
        let diagnostic = try JSONParser.value(String(r.stdout.split(separator: "\n")[0]))
        #expect(diagnostic["pointer"]?.stringValue?.unicodeScalars.elementsEqual("/a~0\u{301}~1\u{301}b".unicodeScalars) == true,
                "\(diagnostic["pointer"]?.stringValue?.unicodeScalars.map { String($0.value, radix: 16) } ?? [])")
    }

    @Test("a default model whose id starts with a combining mark is split at its '/' and rendered, not dropped")
    func modelReferenceSplitsByScalars() throws {
        let spec = "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000\n    models: [\"\\u0301m\"]\nmodel: \"p/\\u0301m\"\n"
        let r = try run(["render", "SPEC"], spec: spec)
        #expect(r.status == 0, "\(r.stderr)")
        let model = try JSONParser.value(r.stdout)["model"]?.stringValue
        #expect(model?.unicodeScalars.elementsEqual("p/\u{301}m".unicodeScalars) == true, "\(r.stdout)")
        let unknown = try run(["validate", "SPEC"], spec: spec.replacingOccurrences(of: "model: \"p/", with: "model: \"q/"))
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("names provider 'q'"), "\(unknown.stdout)")
    }

    @Test("diff of a CRLF file shows the changed line, not the whole file as one line")
    func diffOfACRLFFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let target = try sandbox.write("{\r\n  \"theme\": \"dark\"\r\n}\r\n", to: "opencode.json")
        let first = try sandbox.write("version: 1\nproviders:\n  p:\n    name: Alpha\n    url: http://localhost:8000\n    models: [m]\n", to: "a.yaml")
        let second = try sandbox.write("version: 1\nproviders:\n  p:\n    name: Beta\n    url: http://localhost:8000\n    models: [m]\n", to: "b.yaml")
        #expect(try sandbox.run(["apply", first, "--target", target]).status == 0)
        let diff = try sandbox.run(["diff", second, "--target", target])
        #expect(diff.status == 1, "\(diff.stderr)")
        let removed = diff.stdout.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        let added = diff.stdout.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        #expect(removed.count == 1 && removed[0].contains("\"name\": \"Alpha\"") && !removed[0].contains("theme"), "\(diff.stdout)")
        #expect(added.count == 1 && added[0].contains("\"name\": \"Beta\""), "\(diff.stdout)")
    }

    @Test("a name changed only in its Unicode form (é to e + U+0301) is a change: diff shows it, apply writes it")
    func canonicallyEquivalentChangeIsWritten() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let target = sandbox.work + "/opencode.json"
        let spec = { (name: String) in "version: 1\nproviders:\n  p:\n    name: \"\(name)\"\n    url: http://localhost:8000\n    models: [m]\n" }
        let composed = try sandbox.write(spec("Caf\\u00e9"), to: "a.yaml")
        let decomposed = try sandbox.write(spec("Cafe\\u0301"), to: "b.yaml")
        #expect(try sandbox.run(["apply", composed, "--target", target]).status == 0)
        let diff = try sandbox.run(["diff", decomposed, "--target", target])
        #expect(diff.status == 1, "\(diff.stdout)\(diff.stderr)")
        let apply = try sandbox.run(["apply", decomposed, "--target", target])
        #expect(apply.status == 0, "\(apply.stderr)")
        let written = try JSONParser.value(String(decoding: FileManager.default.contents(atPath: target) ?? Data(), as: UTF8.self))
        #expect(written["provider"]?["p"]?["name"]?.stringValue?.unicodeScalars.elementsEqual("Cafe\u{301}".unicodeScalars) == true)
        #expect(try sandbox.run(["diff", decomposed, "--target", target]).status == 0)
    }
}
