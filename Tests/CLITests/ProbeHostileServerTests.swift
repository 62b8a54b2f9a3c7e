import Foundation
import JSONCore
import TestSupport
import Testing

/// `probe` and `models` against servers that misbehave on purpose: escape codes in what they
/// say, a key echoed in part, a body that never ends, redirects in a circle or to another host.
@Suite struct ProbeHostileServerTests {
    static let key = "sk-LEAKCANARY-0123456789"

    func spec(port: Int, key: Bool = true, extra: String = "") -> String {
        """
        version: 1
        providers:
          fake:
            name: Fake
            url: http://127.0.0.1:\(port)/v1
        \(key ? "    apiKey: { env: PROBE_KEY }\n" : "")\(extra)    models: [fake-small]

        """
    }

    func run(_ arguments: [String], spec: String) throws -> CLI.Result {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write(spec, to: "providers.yaml")
        return try sandbox.run(arguments + [path], extra: ["PROBE_KEY": Self.key])
    }

    static func rawControls(_ text: String) -> [UnicodeScalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    static func workflowCommands(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") }
    }

    @Test("escape codes and line breaks in model ids and error bodies are shown as escapes; JSON keeps the text")
    func escapeCodesFromTheServer() throws {
        let fake = try FakeServer(["--hostile"])
        let text = try run(["probe", "--timeout", "5", "--no-tools"], spec: spec(port: fake.port, key: false))
        #expect(text.status == 1)
        #expect(Self.rawControls(text.stdout + text.stderr).isEmpty, "\(text.stdout.debugDescription)")
        #expect(Self.workflowCommands(text.stdout + text.stderr).isEmpty, "\(text.stdout)")
        #expect(text.stdout.contains("evil\\x1b]0;pwned-title\\x07\\x1b[31mred"), "\(text.stdout)")

        let models = try run(["models", "fake"], spec: spec(port: fake.port, key: false))
        #expect(models.status == 0)
        #expect(Self.rawControls(models.stdout + models.stderr).isEmpty, "\(models.stdout.debugDescription)")
        #expect(Self.workflowCommands(models.stdout).isEmpty)

        let json = try run(["probe", "--timeout", "5", "--no-tools", "--format", "json"], spec: spec(port: fake.port, key: false))
        #expect(Self.rawControls(json.stdout).isEmpty)
        let served = try JSONParser.value(json.stdout)["providers"]?[0]?["served"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(served.last == "evil\u{1B}]0;pwned-title\u{07}\u{1B}[31mred\u{1B}[2J\r\n::error::fake annotation\u{9B}31m", "\(served)")
    }

    @Test("a part of the key echoed by the server is masked; so is a key followed by a combining mark")
    func partialKeyIsMasked() throws {
        for flag in ["--echo-partial", "--echo-combining"] {
            let fake = try FakeServer(["--key", "the-right-key-000000", flag])
            for format in ["text", "json"] {
                let r = try run(["probe", "--timeout", "5", "--no-tools", "--format", format], spec: spec(port: fake.port))
                #expect(r.status == 1)
                #expect(!(r.stdout + r.stderr).contains("sk-LEAKC"), "\(flag) \(format): \(r.stdout)")
                #expect(!(r.stdout + r.stderr).contains("LEAKCANARY"), "\(flag) \(format): \(r.stdout)")
                // By code units: after the mask comes the combining mark, which as Characters joins the last star.
                #expect(r.stdout.range(of: "********", options: .literal) != nil, "\(r.stdout)")
            }
        }
    }

    @Test("a body that never ends is said to never end, not 'no answer'")
    func endlessBody() throws {
        let fake = try FakeServer(["--mode", "trickle"])
        let r = try run(["probe", "--timeout", "2", "--no-tools"], spec: spec(port: fake.port, key: false))
        #expect(r.status == 1)
        #expect(r.stdout.contains("✓ reachable"), "\(r.stdout)")
        #expect(r.stdout.contains("answered HTTP 200, but its body did not end within 2 s"), "\(r.stdout)")
        #expect(!r.stdout.contains("no answer"))
    }

    @Test("a body past 4 MiB is cut off and said so")
    func floodedBody() throws {
        let fake = try FakeServer(["--mode", "flood"])
        let r = try run(["probe", "--timeout", "20", "--no-tools"], spec: spec(port: fake.port, key: false))
        #expect(r.status == 1)
        #expect(r.stdout.contains("its body went past 4 MiB; stopped reading"), "\(r.stdout)")
    }

    @Test("a redirect loop is said in words")
    func redirectLoop() throws {
        let fake = try FakeServer(["--mode", "redirect-loop"])
        let r = try run(["probe", "--timeout", "5", "--no-tools"], spec: spec(port: fake.port, key: false))
        #expect(r.status == 1)
        #expect(r.stdout.contains("redirects in a circle"), "\(r.stdout)")
        #expect(!r.stdout.contains("HTTPClientError"), "\(r.stdout)")
    }

    @Test("a 401 after a redirect to another host names the redirect, not the key")
    func crossHostRedirect() throws {
        let target = try FakeServer(["--key", Self.key])
        // localhost, not 127.0.0.1: another origin, to which the key is not sent.
        let redirecting = try FakeServer(["--redirect-to", "http://localhost:\(target.port)"])
        let r = try run(["probe", "--timeout", "5", "--no-tools"], spec: spec(port: redirecting.port))
        #expect(r.status == 1)
        #expect(r.stdout.contains("HTTP 401 from http://localhost:\(target.port), where a redirect led"), "\(r.stdout)")
        #expect(r.stdout.contains("does not send the key to another host"), "\(r.stdout)")
        #expect(!r.stdout.contains("the key was sent as"), "\(r.stdout)")
    }

    @Test("queryParams of the spec are sent with every request, as OpenCode sends them")
    func queryParamsAreSent() throws {
        let fake = try FakeServer(["--require-query", "api-version=2024-10-21"])
        let with = try run(["probe", "--timeout", "5", "--no-tools"],
                           spec: spec(port: fake.port, key: false, extra: "    queryParams: { api-version: \"2024-10-21\" }\n"))
        #expect(with.status == 0, "\(with.stdout)")
        let without = try run(["probe", "--timeout", "5", "--no-tools"], spec: spec(port: fake.port, key: false))
        #expect(without.status == 1)
        #expect(without.stdout.contains("missing query parameter api-version=2024-10-21"), "\(without.stdout)")
    }

    @Test("a model id is served only when its code points match: 'é' is not 'e' + U+0301")
    func servedComparesCodePoints() throws {
        let fake = try FakeServer(["--models", "cafe\u{301}"])
        let r = try run(["probe", "--timeout", "5", "--no-tools"],
                        spec: spec(port: fake.port, key: false).replacingOccurrences(of: "[fake-small]", with: "[\"caf\\u00e9\"]"))
        #expect(r.status == 1)
        #expect(r.stdout.contains("is not served"), "\(r.stdout)")
    }
}
