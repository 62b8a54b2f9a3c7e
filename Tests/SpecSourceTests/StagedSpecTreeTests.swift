import Foundation
import ProviderSpec
import SpecSource
import TestSupport
import Testing
import YAMLReader

@Suite("SpecSource: the git index, read with git itself")
struct StagedSpecTreeTests {
    /// A repository in a fresh folder; `git` runs there.
    final class Repository {
        let folder: TemporaryFolder
        init() throws {
            folder = try TemporaryFolder(prefix: "staged-tree")
            try git("init", "-q")
        }

        var tree: StagedSpecTree { StagedSpecTree(git: GitCommand(in: folder.path)) }

        func write(_ path: String, _ text: String) throws {
            let full = folder(path)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }

        func git(_ arguments: String...) throws {
            _ = try GitCommand(in: folder.path).run(Array(arguments))
        }
    }

    @Test("the staged version is read, not the working copy; files not staged are not there")
    func stagedNotWorking() throws {
        let repo = try Repository()
        defer { repo.folder.remove() }
        try repo.write("providers.d/10-a.yaml", spec(["a"]))
        try repo.write("providers.d/20-b.yaml", spec(["b"]))
        try repo.git("add", "providers.d")
        try repo.write("providers.d/10-a.yaml", "broken: [")
        try repo.write("providers.d/30-untracked.yaml", spec(["a"]))
        let reading = try SpecReader().read("providers.d", from: repo.tree)
        #expect(reading.isValid, "\(reading.diagnostics)")
        #expect(reading.files.map(\.name) == ["providers.d/10-a.yaml", "providers.d/20-b.yaml"])
        #expect(reading.spec?.providers.map(\.id) == ["a", "b"])
    }

    @Test("staged specs of more than a MiB together are read whole (git's output is not cut at the MiB other programs get)")
    func largeStagedFolder() throws {
        let repo = try Repository()
        defer { repo.folder.remove() }
        // Two files of about 1 MiB each: one comment line, then a valid spec.
        let padding = "# " + String(repeating: "x", count: 1 << 20) + "\n"
        try repo.write("providers.d/10-a.yaml", padding + spec(["a"]))
        try repo.write("providers.d/20-b.yaml", padding + spec(["b"]))
        try repo.git("add", "-A")
        let reading = try SpecReader().read("providers.d", from: repo.tree)
        #expect(reading.isValid, "\(reading.diagnostics)")
        #expect(reading.files.map { $0.bytes?.count } == [padding.utf8.count + spec(["a"]).utf8.count, padding.utf8.count + spec(["b"]).utf8.count])
        #expect(reading.spec?.providers.map(\.id) == ["a", "b"])
    }

    @Test("a staged clash is found, with the positions of both files")
    func clash() throws {
        let repo = try Repository()
        defer { repo.folder.remove() }
        try repo.write("providers.d/10-a.yaml", spec(["x"]))
        try repo.write("providers.d/20-b.yaml", spec(["b", "x"]))
        try repo.git("add", "-A")
        let clash = try #require(try SpecReader().read("providers.d", from: repo.tree).diagnostics.first)
        #expect(clash.code == "spec.duplicate-provider")
        #expect(clash.file == "providers.d/20-b.yaml")
        #expect(clash.position?.description == "7:3")
        #expect(clash.message == "provider 'x' is also declared in providers.d/10-a.yaml:3:3; keep it in one file")
    }

    @Test("links are read from their blobs, as in a commit: inside the folder followed, out of it refused")
    func links() throws {
        let repo = try Repository()
        defer { repo.folder.remove() }
        try repo.write("providers.d/shared/a.yaml", spec(["a"]))
        try repo.write("outside/b.yaml", spec(["b"]))
        try FileManager.default.createSymbolicLink(atPath: repo.folder("providers.d/10-a.yaml"), withDestinationPath: "shared/a.yaml")
        try FileManager.default.createSymbolicLink(atPath: repo.folder("providers.d/20-b.yaml"), withDestinationPath: "../outside/b.yaml")
        try repo.git("add", "-A")
        let reading = try SpecReader().read("providers.d", from: repo.tree)
        #expect(reading.files[0].diagnostics.isEmpty)
        #expect(reading.files[1].diagnostics.map(\.message)
                == ["a symbolic link to ../outside/b.yaml, which leads outside providers.d; not read (link to a file inside the folder, or copy it)"])
    }

    @Test("a blob over the cap is refused from its size, never read")
    func tooLarge() throws {
        let repo = try Repository()
        defer { repo.folder.remove() }
        let text = spec(["a"]) + String(repeating: "#", count: 2000) + "\n"
        try repo.write("providers.yaml", text)
        try repo.git("add", "-A")
        let small = SpecReader(loader: try SpecLoader(schemaText: EmbeddedSchemas.providerSpec, limits: YAMLLimits(maxBytes: 1024)))
        let reading = try small.read("providers.yaml", from: repo.tree)
        #expect(reading.diagnostics.map(\.message) == ["the file is \(text.utf8.count) bytes, over the limit of 1024 bytes (0.0 MiB); not read"])
    }

    @Test("a path the index does not hold is missing; a repository is needed")
    func missing() throws {
        let repo = try Repository()
        defer { repo.folder.remove() }
        do {
            _ = try SpecReader().read("providers.yaml", from: repo.tree)
            Issue.record("read a path that is not staged")
        } catch {
            guard case .missing = error else { Issue.record("\(error)"); return }
        }
        let outside = try TemporaryFolder(prefix: "not-a-repo")
        defer { outside.remove() }
        do {
            _ = try SpecReader().read("providers.yaml", from: StagedSpecTree(git: GitCommand(in: outside.path)))
            Issue.record("read an index outside a repository")
        } catch {
            guard case .tree(let failure) = error else { Issue.record("\(error)"); return }
            #expect(failure.description.contains("not a git repository"), "\(failure)")
        }
    }
}
