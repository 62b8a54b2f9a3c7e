import Foundation
import JSONCore
import TestSupport
import Testing
import YAMLReader

/// `.pre-commit-hooks.yaml` and `hooks/`: what the pre-commit framework reads and runs, checked
/// without the framework itself: the `files:` patterns against the layouts the README
/// recommends, and each entry run as pre-commit runs it (from the team repository's top
/// folder, the staged files matching `files:` as arguments).
@Suite("the pre-commit hooks (.pre-commit-hooks.yaml, hooks/)", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
struct PreCommitHooksFileTests {
    static func hooks() throws -> [JSONValue] {
        let text = try String(contentsOfFile: CLI.repository + "/.pre-commit-hooks.yaml", encoding: .utf8)
        return try #require(try YAMLDocumentReader.read(text).value.arrayValue)
    }

    static func hook(_ id: String) throws -> JSONValue {
        try #require(try hooks().first { $0["id"] == .string(id) })
    }

    /// The files a hook's `files:` pattern selects among `paths` (pre-commit: re.search).
    static func selected(_ hook: JSONValue, _ paths: [String]) throws -> [String] {
        let pattern = try Regex(try #require(hook["files"]?.stringValue))
        return paths.filter { $0.contains(pattern) }
    }

    @Test("both hooks select the recommended layouts (providers.yaml, providers.d/*.yaml), and no other YAML",
          arguments: ["provider-sync-validate", "provider-sync-validate-system"])
    func filesPattern(id: String) throws {
        let hook = try Self.hook(id)
        let chosen = ["providers.yaml", "providers.yml", "team/providers.yaml", "providers.d/10-local.yaml", "providers.d/20-gw.yml",
                      "llm/providers.d/x.yaml"]
        let others = [".pre-commit-config.yaml", "docker-compose.yml", "providers.d/sub/x.yaml", "providers.d/README.md",
                      "my-providers.yaml", ".github/workflows/ci.yml"]
        #expect(try Self.selected(hook, chosen + others) == chosen)
        #expect(hook["require_serial"] == true, "one process, so a folder is checked once")
        #expect(hook["pass_filenames"] == nil || hook["pass_filenames"] == true)
    }

    /// A team repository with a clash in providers.d and a file of its own at the top.
    static func teamRepository() throws -> TeamCheckout {
        let repo = try TeamCheckout(try Sandbox())
        try repo.write(["providers.d/10-a.yaml": specText([alphaProvider]), "providers.d/20-b.yaml": specText([betaProvider]),
                        ".pre-commit-config.yaml": "repos: []\n"])
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "team")
        // The commit being made: one new file, valid alone, that clashes with 10-a.yaml.
        try repo.write(["providers.d/30-c.yaml": specText([alphaProvider])])
        try repo.git("add", "-A")
        return repo
    }

    /// pre-commit passes only the changed files; the hook checks their folder whole.
    static func expectFolderChecked(_ r: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.contains("providers.d/30-c.yaml:3:3: error: provider 'alpha' is also declared in providers.d/10-a.yaml:3:3"),
                "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test("the system hook: its entry with the changed file checks the whole staged folder")
    func systemEntry() throws {
        let repo = try Self.teamRepository()
        defer { repo.sandbox.remove() }
        let entry = try #require(try Self.hook("provider-sync-validate-system")["entry"]?.stringValue).split(separator: " ").map(String.init)
        #expect(entry.first == "provider-sync")
        let files = try Self.selected(try Self.hook("provider-sync-validate-system"), ["providers.d/30-c.yaml", ".pre-commit-config.yaml"])
        Self.expectFolderChecked(try repo.run(Array(entry.dropFirst()) + files))
    }

    @Test("the built hook: hooks/pre-commit-validate runs the program hooks/Package.swift builds, the same way")
    func scriptEntry() throws {
        let repo = try Self.teamRepository()
        defer { repo.sandbox.remove() }
        let hook = try Self.hook("provider-sync-validate")
        #expect(hook["language"] == "script")
        let entry = try #require(hook["entry"]?.stringValue)
        // pre-commit's clone of provider-sync, with the program already built in it.
        let clone = repo.sandbox.root + "/clone"
        try FileManager.default.createDirectory(atPath: clone + "/hooks/.build/release", withIntermediateDirectories: true)
        try copyExecutable(CLI.repository + "/" + entry, to: clone + "/" + entry)
        try FileManager.default.createSymbolicLink(atPath: clone + "/hooks/.build/release/provider-sync-validate",
                                                   withDestinationPath: (CLI.binary as NSString).deletingLastPathComponent + "/provider-sync-validate")
        let r = try runProcess(clone + "/" + entry, ["providers.d/30-c.yaml"], environment: repo.environment, folder: repo.path)
        Self.expectFolderChecked(r)
    }

    @Test("the script is executable in git, and hooks/Package.swift builds the root package's targets with the same dependencies")
    func hooksPackage() throws {
        let mode = try runProcess("/usr/bin/git", ["ls-files", "-s", "hooks/pre-commit-validate"], environment: ProcessInfo.processInfo.environment,
                                  folder: CLI.repository)
        #expect(mode.stdout.hasPrefix("100755 "), "\(mode.stdout)")
        let root = try Self.targets(CLI.repository)
        let hooks = try Self.targets(CLI.repository + "/hooks")
        #expect(!hooks.isEmpty)
        for (name, dependencies) in hooks {
            #expect(root[name] == dependencies, "\(name): hooks \(dependencies), root \(String(describing: root[name]))")
        }
        #expect(hooks["provider-sync-validate"] != nil)
        #expect(hooks.keys.allSatisfy { !["GitSource", "Secrets", "CGit2", "CSecret", "Probe", "Sync", "Agent"].contains($0) })
    }

    /// Target name -> its dependencies' names, from `swift package dump-package`.
    static func targets(_ package: String) throws -> [String: [String]] {
        // A scratch folder of its own: `swift test` holds the lock of the package's .build.
        let scratch = try TemporaryFolder(prefix: "dump-package")
        defer { scratch.remove() }
        let r = try runProcess("/usr/bin/env", ["swift", "package", "--scratch-path", scratch.path, "dump-package"],
                               environment: ProcessInfo.processInfo.environment, folder: package)
        guard r.status == 0 else { throw SandboxError("dump-package in \(package): \(r.stderr)") }
        var out: [String: [String]] = [:]
        for target in try JSONParser.value(r.stdout)["targets"]?.arrayValue ?? [] {
            guard let name = target["name"]?.stringValue else { continue }
            out[name] = (target["dependencies"]?.arrayValue ?? []).compactMap { dependency in
                // {"byName": ["X", null]} or {"product": ["ArgumentParser", "swift-argument-parser", ...]}
                (dependency["byName"] ?? dependency["product"] ?? dependency["target"])?[0]?.stringValue
            }
        }
        return out
    }
}
