import Foundation
import JSONCore
import Testing

/// One corpus of repository trees, each run through the three readers of a spec: `validate` on
/// the checkout, the installed pre-commit hook on a real `git commit`, and `agent once` on the
/// pushed commit (a file:// URL). They must give the same verdict and the same diagnostics.
///
/// `validate --format json` and the agent's status (`lastError.diagnostics`) carry the code;
/// the hook prints text, so it is compared on severity, file, line, column and message, which
/// validate's JSON has too.
@Suite("one spec, one verdict: validate, the installed hook and the agent on the same trees",
       .enabled(if: AgentTools.hasGit))
struct VerdictCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        /// Symbolic links: path -> stored target.
        var links: [String: String] = [:]
        /// The spec's path in the repository (hook install PATH, agent init --path).
        var spec: String
        /// The errors expected: code, file, line, column (0 for a whole-file error).
        var expected: [Found]

        var testDescription: String { name }
    }

    struct Found: Hashable, Sendable, CustomStringConvertible {
        var code: String
        var file: String
        var line: Int
        var column: Int
        var description: String { "\(code) \(file):\(line):\(column)" }
    }

    static let alpha = specText([alphaProvider], model: "alpha/m1")
    static let beta = specText([betaProvider])

    static let corpus: [Case] = [
        Case(name: "a valid folder", files: ["providers.d/10-a.yaml": alpha, "providers.d/20-b.yaml": beta], spec: "providers.d", expected: []),
        Case(name: "a provider id in two files", files: ["providers.d/10-a.yaml": alpha, "providers.d/20-b.yaml": specText([betaProvider, alphaProvider])],
             spec: "providers.d", expected: [Found(code: "spec.duplicate-provider", file: "providers.d/20-b.yaml", line: 9, column: 3)]),
        Case(name: "two files setting model", files: ["providers.d/10-a.yaml": alpha, "providers.d/20-b.yaml": specText([betaProvider], model: "beta/m2")],
             spec: "providers.d", expected: [Found(code: "spec.duplicate-setting", file: "providers.d/20-b.yaml", line: 9, column: 1)]),
        Case(name: "a .pre-commit-config.yaml beside the specs (the top folder is the spec folder)",
             files: [".pre-commit-config.yaml": "repos:\n  - repo: local\n    hooks: []\n", "10-a.yaml": alpha, "20-b.yaml": beta], spec: ".", expected: []),
        Case(name: "a dotfile in the folder", files: ["providers.d/.draft.yaml": "not: [valid", "providers.d/10-a.yaml": alpha],
             spec: "providers.d", expected: []),
        Case(name: "a subfolder", files: ["providers.d/10-a.yaml": alpha, "providers.d/old/10-a.yaml": alpha, "providers.d/old/broken.yaml": "x: ["],
             spec: "providers.d", expected: []),
        Case(name: "a single-file layout", files: ["providers.yaml": alpha, "other.yaml": "not: [a spec"], spec: "providers.yaml", expected: []),
        Case(name: "an invalid file", files: ["providers.d/10-a.yaml": alpha.replacingOccurrences(of: "models:", with: "modles:"), "providers.d/20-b.yaml": beta],
             spec: "providers.d", expected: [Found(code: "schema.additionalProperties", file: "providers.d/10-a.yaml", line: 7, column: 5)]),
        Case(name: "a link out of the folder", files: ["providers.d/10-a.yaml": alpha, "outside/b.yaml": beta],
             links: ["providers.d/20-b.yaml": "../outside/b.yaml"], spec: "providers.d",
             expected: [Found(code: "spec.file", file: "providers.d/20-b.yaml", line: 0, column: 0)]),
    ]

    @Test("the same verdict and diagnostics from validate, the hook and agent once", arguments: corpus)
    func sameVerdict(_ tree: Case) throws {
        let valid = tree.expected.isEmpty

        // validate on the checkout.
        let box = try Sandbox()
        defer { box.remove() }
        let checkout = try TeamCheckout(box)
        try Self.lay(tree, in: checkout.path)
        let validated = try checkout.run(["validate", "--format", "json", tree.spec])
        #expect(validated.status == (valid ? 0 : 1), "\(validated.stdout)\(validated.stderr)")
        let lines = try validated.stdout.split(separator: "\n").map { try JSONParser.value(String($0)) }
        let fromValidate = lines.map { Found(code: $0["code"]?.stringValue ?? "", file: $0["file"]?.stringValue ?? "",
                                             line: $0["line"]?.intValue ?? 0, column: $0["column"]?.intValue ?? 0) }
        #expect(fromValidate == tree.expected)

        // The installed hook on a real commit of the same tree.
        let install = try checkout.run(["hook", "install", tree.spec])
        #expect(install.status == 0, "\(install.stderr)")
        try checkout.git("add", "-A")
        let commit = try checkout.git("commit", "-q", "-m", tree.name)
        #expect((commit.status == 0) == valid, "\(commit.stderr)")
        #expect(Self.textDiagnostics(commit.stderr) == lines.map(Self.textForm), "\(commit.stderr)")

        // agent once on the same tree, pushed to a repository it follows.
        let world = try AgentWorld()
        defer { world.stop() }
        try Self.lay(tree, in: world.work)
        let revision = try world.commit([:], message: tree.name)
        try world.initAgent(url: world.fileURL, ["--path", tree.spec])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == (valid ? 0 : 1), "\(once.stderr)")
        let status = try world.status()
        #expect(status["lastAttemptedRevision"] == .string(revision))
        let prefix = "team@\(revision.prefix(7)):"
        let fromAgent = (status["lastError"]?["diagnostics"]?.arrayValue ?? []).map {
            Found(code: $0["code"]?.stringValue ?? "", file: String(($0["file"]?.stringValue ?? "").dropFirst(prefix.count)),
                  line: $0["line"]?.intValue ?? 0, column: $0["column"]?.intValue ?? 0)
        }
        #expect(fromAgent == fromValidate)
        if valid { #expect(status["lastAppliedRevision"] == .string(revision)) }
    }

    static func lay(_ tree: Case, in folder: String) throws {
        for (path, text) in tree.files {
            let full = folder + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        for (path, target) in tree.links {
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + path, withDestinationPath: target)
        }
    }

    /// `file:line:column: severity: message` (or `file: severity: message`) as validate prints
    /// it, from a JSON line.
    static func textForm(_ d: JSONValue) -> String {
        let place = [d["file"]?.stringValue, d["line"]?.intValue.map(String.init), d["column"]?.intValue.map(String.init)]
            .compactMap { $0 }.joined(separator: ":")
        return "\(place): \(d["severity"]?.stringValue ?? ""): \(d["message"]?.stringValue ?? "")"
    }

    /// The diagnostic lines of the hook's output (git hands it to stderr).
    static func textDiagnostics(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") || $0.contains(": warning: ") }
    }
}
