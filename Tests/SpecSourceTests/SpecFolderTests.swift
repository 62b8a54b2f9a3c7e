import Foundation
import JSONCore
import ProviderSpec
import SpecSource
import TestSupport
import Testing

/// A spec in one line per provider, for folders of specs.
func spec(_ ids: [String], model: String? = nil, secrets: String? = nil) -> String {
    var lines = ["version: 1", "providers:"]
    for id in ids { lines += ["  \(id):", "    name: \(id)", "    url: http://localhost:8000", "    models: [m]"] }
    if let model { lines.append("model: \(model)") }
    if let secrets { lines.append("secrets: \(secrets)") }
    return lines.joined(separator: "\n") + "\n"
}

/// Files written into a fresh folder.
func folder(_ files: [String: String]) throws -> TemporaryFolder {
    let folder = try TemporaryFolder(prefix: "spec-source")
    for (path, text) in files {
        let full = folder(path)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }
    return folder
}

@Suite("SpecSource: which files of a folder are specs")
struct SpecFolderRuleTests {
    @Test("*.yaml and *.yml, not starting with a dot", arguments: [
        ("10-local.yaml", true), ("providers.yml", true), (".pre-commit-config.yaml", false), (".hidden.yaml", false),
        ("README.md", false), ("notes.yaml.bak", false), ("x.YAML", false), (".yml", false),
    ])
    func names(name: String, isSpec: Bool) {
        #expect(SpecFolderRule.isSpecName(name) == isSpec)
        #expect(SpecFolderRule.isSpec(SpecTreeEntry(name: name, kind: .file)) == isSpec)
        #expect(!SpecFolderRule.isSpec(SpecTreeEntry(name: name, kind: .folder)), "a folder is never a spec")
    }

    @Test("merged in byte order of names, whatever order the tree lists them in")
    func order() {
        let entries = ["b.yaml", "B.yaml", "a.yml", "10.yaml", "é.yaml"].map { SpecTreeEntry(name: $0, kind: .file) }
        #expect(SpecFolderRule.specs(entries).map(\.name) == ["10.yaml", "B.yaml", "a.yml", "b.yaml", "é.yaml"])
    }

    @Test("a link resolved by its text", arguments: [
        ("d/a.yaml", "shared/x.yaml", "d/shared/x.yaml"), ("d/a.yaml", "../d/x.yaml", "d/x.yaml"), ("d/a.yaml", "../../x", "../x"),
        ("a.yaml", "./b.yaml", "b.yaml"), ("/t/d/a.yaml", "../e/b.yaml", "/t/e/b.yaml"),
    ])
    func resolve(link: String, target: String, resolved: String) {
        #expect(SpecLinks.resolve(link, target: target) == resolved)
    }

    @Test("an absolute target, or one above an absolute root, leads nowhere")
    func resolveOutside() {
        #expect(SpecLinks.resolve("d/a.yaml", target: "/etc/passwd") == nil)
        #expect(SpecLinks.resolve("/a.yaml", target: "../x") == nil)
    }
}

@Suite("SpecSource: the one reader, on a folder on disk")
struct SpecReaderTests {
    let reader = SpecReader()

    @Test("a folder is one spec: its files merged in name order; dotfiles, other names and subfolders are not read")
    func merged() throws {
        let f = try folder([
            "d/20-b.yaml": spec(["b"]), "d/10-a.yaml": spec(["a"], model: "a/m"), "d/.pre-commit-config.yaml": "repos: []\n",
            "d/.draft.yaml": "not: [valid", "d/README.md": "# notes", "d/sub/c.yaml": spec(["a"]),
        ])
        defer { f.remove() }
        let reading = try reader.read(f("d"), from: FolderSpecTree())
        #expect(reading.files.map(\.path) == [f("d/10-a.yaml"), f("d/20-b.yaml")])
        #expect(reading.isValid)
        #expect(reading.spec?.providers.map(\.id) == ["a", "b"])
        #expect(reading.spec?.model?.description == "a/m")
    }

    @Test("a provider id in two files: an error at the second naming the first, both positions; each file valid alone")
    func duplicateProvider() throws {
        let f = try folder(["d/10-a.yaml": spec(["a", "x"]), "d/20-b.yaml": spec(["b", "x"])])
        defer { f.remove() }
        let relative = try reader.read(f("d"), from: FolderSpecTree())
        #expect(!relative.isValid)
        #expect(relative.spec == nil)
        let clashes = relative.diagnostics.filter { $0.code == "spec.duplicate-provider" }
        #expect(clashes.count == 1)
        let clash = try #require(clashes.first)
        #expect(clash.file == f("d/20-b.yaml"))
        #expect(clash.position?.description == "7:3")
        #expect(clash.pointer?.description == "/providers/x")
        #expect(clash.message == "provider 'x' is also declared in \(f("d/10-a.yaml")):7:3; keep it in one file")
        #expect(clash.related == [RelatedLocation(file: f("d/10-a.yaml"), start: clash.related.first?.start, end: clash.related.first?.end)])
        #expect(clash.related.first?.start?.description == "7:3")
        // Each file alone is valid.
        #expect(try reader.read(f("d/10-a.yaml"), from: FolderSpecTree()).isValid)
        #expect(try reader.read(f("d/20-b.yaml"), from: FolderSpecTree()).isValid)
    }

    @Test("model, smallModel or secrets set in two files: an error at each later one", arguments: ["model", "secrets"])
    func duplicateSetting(name: String) throws {
        let a = name == "model" ? spec(["a"], model: "a/m") : spec(["a"], secrets: "file")
        let b = name == "model" ? spec(["b"], model: "b/m") : spec(["b"], secrets: "inline")
        let f = try folder(["d/a.yaml": a, "d/b.yaml": b, "d/c.yaml": b.replacingOccurrences(of: "  b:", with: "  c:")
                                .replacingOccurrences(of: "b/m", with: "c/m")])
        defer { f.remove() }
        let reading = try reader.read(f("d"), from: FolderSpecTree())
        let clashes = reading.diagnostics.filter { $0.code == "spec.duplicate-setting" }
        #expect(clashes.map(\.file) == [f("d/b.yaml"), f("d/c.yaml")])
        #expect(clashes.allSatisfy { $0.message == "'\(name)' is also set in \(f("d/a.yaml")):7:1; set it in one file of the folder only" })
        #expect(clashes.allSatisfy { $0.position?.description == "7:1" })
    }

    @Test("a clash is reported beside each file's own errors")
    func clashWithErrors() throws {
        let f = try folder(["d/a.yaml": spec(["x"]), "d/b.yaml": spec(["x"]).replacingOccurrences(of: "models:", with: "modles:")])
        defer { f.remove() }
        let codes = try reader.read(f("d"), from: FolderSpecTree()).files[1].diagnostics.map(\.code)
        #expect(codes.contains("spec.duplicate-provider"))
        #expect(codes.contains("schema.additionalProperties"))
    }

    @Test("the hash: one file as apply always recorded it; a folder over its files in order")
    func hash() throws {
        let f = try folder(["one.yaml": spec(["a"]), "d/a.yaml": spec(["a"]), "d/b.yaml": spec(["b"])])
        defer { f.remove() }
        #expect(try reader.read(f("one.yaml"), from: FolderSpecTree()).hash == stableHash(.string(spec(["a"]))))
        #expect(try reader.read(f("d"), from: FolderSpecTree()).hash == stableHash(.array([.string(spec(["a"])), .string(spec(["b"]))])))
    }

    @Test("links: followed inside the folder; out of it, through a linked folder, to nothing: an error of the file")
    func links() throws {
        let f = try folder(["d/shared/a.yaml": spec(["a"]), "elsewhere/b.yaml": spec(["b"]), "elsewhere/c.yaml": spec(["c"])])
        defer { f.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: f("d/10-a.yaml"), withDestinationPath: "shared/a.yaml")
        #expect(try reader.read(f("d"), from: FolderSpecTree()).spec?.providers.map(\.id) == ["a"])

        try fm.createSymbolicLink(atPath: f("d/20-b.yaml"), withDestinationPath: "../elsewhere/b.yaml")
        try fm.createSymbolicLink(atPath: f("d/linked"), withDestinationPath: "../elsewhere")
        try fm.createSymbolicLink(atPath: f("d/30-c.yaml"), withDestinationPath: "linked/c.yaml")
        try fm.createSymbolicLink(atPath: f("d/40-gone.yaml"), withDestinationPath: "shared/gone.yaml")
        let reading = try reader.read(f("d"), from: FolderSpecTree())
        #expect(!reading.isValid)
        #expect(reading.unreadableCount == 0, "a link is a verdict on the tree, not an I/O error")
        let messages = Dictionary(uniqueKeysWithValues: reading.files.map { ($0.path, $0.diagnostics.map(\.message)) })
        #expect(messages[f("d/20-b.yaml")] == ["a symbolic link to ../elsewhere/b.yaml, which leads outside \(f("d")); not read (link to a file inside the folder, or copy it)"])
        #expect(messages[f("d/30-c.yaml")] == ["a symbolic link to linked/c.yaml, whose way goes through another symbolic link; not read (link to the file itself)"])
        #expect(messages[f("d/40-gone.yaml")] == ["a symbolic link to shared/gone.yaml, which does not exist"])
        #expect(reading.files.flatMap(\.diagnostics).allSatisfy { $0.code == "spec.file" })
    }

    @Test("nothing there, or a folder without specs: errors of the path, not of a file")
    func missing() throws {
        let f = try folder(["d/.pre-commit-config.yaml": "repos: []\n", "d/README.md": "x"])
        defer { f.remove() }
        do {
            _ = try reader.read(f("d"), from: FolderSpecTree())
            Issue.record("a folder without specs was read")
        } catch {
            guard case .noSpecFiles(let path) = error else { Issue.record("\(error)"); return }
            #expect(path == f("d"))
        }
        do {
            _ = try reader.read(f("nothing"), from: FolderSpecTree())
            Issue.record("nothing was read")
        } catch {
            guard case .missing(let path) = error else { Issue.record("\(error)"); return }
            #expect(path == f("nothing"))
        }
    }
}
