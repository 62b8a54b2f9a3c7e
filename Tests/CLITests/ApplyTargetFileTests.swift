#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import Testing

/// `apply` against targets that are broken, unreadable, links; and `--dry-run`.
@Suite("apply: unusable targets, symlinks, dry run")
struct ApplyTargetFileTests {
    static let spec = specText([alphaProvider, betaProvider], model: "alpha/m1")

    /// Nothing of the target's was written: no state, no history, no temporary file.
    static func expectNothingWritten(_ box: Sandbox, folder: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(temporaryFiles(under: folder).isEmpty, sourceLocation: sourceLocation)
        #expect(snapshot(box.stateFolder + "/targets").isEmpty, sourceLocation: sourceLocation)
        #expect(snapshot(box.stateFolder + "/history").isEmpty, sourceLocation: sourceLocation)
    }

    @Test("an unparseable target: line:col, exit non-zero, bytes unchanged, no temp file, no history")
    func unparseableTarget() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let broken = "{\n  \"theme\": \"dark\",\n  \"share\": [1 2]\n}\n"
        let target = try box.write(broken, to: "config/opencode.json")
        let before = try #require(FileFacts(target))

        let r = try box.run(["apply", spec, "--target", target])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(target)): 3:15: the file is not valid JSON or JSONC"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(r.stdout.isEmpty)
        #expect(fileText(target) == broken)
        #expect(FileFacts(target) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.work + "/config") == ["opencode.json"])
        Self.expectNothingWritten(box, folder: box.work)

        // With a second, healthy target in the same run: all or nothing, that one is not written either.
        let healthy = box.work + "/healthy/opencode.json"
        let both = try box.run(["apply", spec, "--target", healthy, "--target", target])
        #expect(both.status == 2)
        #expect(FileFacts(healthy) == nil)
        Self.expectNothingWritten(box, folder: box.work)
    }

    @Test("a folder where the file should be: refused by type, exit 2, nothing written")
    func folderInsteadOfFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = box.work + "/opencode.json"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)

        let r = try box.run(["apply", spec, "--target", target])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(target) is a folder, not a regular file; nothing was written"), "\(r.stderr)")
        #expect(FileFacts(target)?.isFolder == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)
        Self.expectNothingWritten(box, folder: box.work)
    }

    @Test("a file in place of the target's folder: an error, not 'no file yet'")
    func fileInPlaceOfFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let notAFolder = try box.write("just a file\n", to: "settings")
        let r = try box.run(["apply", spec, "--target", notAFolder + "/opencode.json"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("Not a directory"), "\(r.stderr)")
        #expect(fileText(notAFolder) == "just a file\n")
        Self.expectNothingWritten(box, folder: box.work)
    }

    // Root reads a file whatever its mode, so this case only means something for other users;
    // the two tests above cover unreadable targets as root.
    @Test("an unreadable target (mode 000): exit non-zero, nothing written",
          .enabled(if: !runningAsRoot, "running as root: permission bits do not stop root from reading"))
    func unreadableTarget() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = try box.write("{}\n", to: "opencode.json", mode: 0o000)
        let r = try box.run(["apply", spec, "--target", target])
        #expect(r.status != 0)
        #expect(r.stderr.contains("Permission denied"), "\(r.stderr)")
        chmod(target, 0o600)
        #expect(fileText(target) == "{}\n")
        Self.expectNothingWritten(box, folder: box.work)
    }

    @Test("a read-only (0444) target is written 0600 as every target is, and the output says so")
    func readOnlyTarget() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = try box.write("{}\n", to: "ro/opencode.json", mode: 0o444)
        let dry = try box.run(["apply", spec, "--target", target, "--dry-run"])
        #expect(dry.stderr.contains("warning: \(target) (\(target)): was read-only (0444); would be written 0600"), "\(dry.stderr)")
        #expect(FileFacts(target)?.mode == 0o444)

        let r = try box.run(["apply", spec, "--target", target])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: \(target) (\(target)): was read-only (0444); written 0600"), "\(r.stderr)")
        #expect(FileFacts(target)?.mode == 0o600)
        // Nothing to say once it is 0600.
        let again = try box.run(["apply", spec, "--target", target])
        #expect(!again.stderr.contains("read-only"), "\(again.stderr)")
    }

    @Test("a symlinked target is written through and stays a symlink")
    func symlinkedTarget() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let real = try box.write("{\n  // from my dotfiles\n  \"theme\": \"dark\"\n}\n", to: "dotfiles/opencode.json")
        let link = box.home + "/.config/opencode/opencode.json"
        try FileManager.default.createDirectory(atPath: box.home + "/.config/opencode", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../../../work/dotfiles/opencode.json")
        let realBefore = try #require(FileFacts(real))

        let r = try box.run(["apply", spec, "--target", "opencode"])
        #expect(r.status == 0, "\(r.stderr)")
        let linkAfter = try #require(FileFacts(link))
        #expect(linkAfter.isSymlink)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../../../work/dotfiles/opencode.json")
        let text = try #require(fileText(real))
        #expect(text.hasPrefix("{\n  \"$schema\": \"https://opencode.ai/config.json\",\n  // from my dotfiles\n  \"theme\": \"dark\","))
        #expect(try parsed(text)["provider"]?.objectValue?.keys == ["alpha", "beta"])
        #expect(FileFacts(real)?.mode == 0o600)
        #expect(FileFacts(real)?.inode != realBefore.inode)  // replaced by rename, in its own folder
        #expect(temporaryFiles(under: box.work).isEmpty)
        #expect(temporaryFiles(under: box.home).isEmpty)

        let again = try box.run(["apply", spec, "--target", "opencode"])
        #expect(again.stdout.hasSuffix("up to date\n"))
        #expect(FileFacts(link)?.isSymlink == true)
        // The link and the file it points to are one target: status through either name agrees.
        let status = try box.run(["status", "--target", "opencode"])
        #expect(status.stdout.contains("owned providers: alpha, beta"), "\(status.stdout)")
        #expect(status.stdout.contains("drift: none"))
    }

    @Test("--dry-run writes nothing: no file, no folder, no state")
    func dryRun() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")

        let first = try box.run(["apply", spec, "--dry-run"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "openwork (~/.config/Openwork/opencode/opencode.json): would have: created the file, added provider alpha, added provider beta, set model to alpha/m1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.home).isEmpty)

        // Against an existing file and state: nothing in HOME changes.
        #expect(try box.run(["apply", spec]).status == 0)
        let other = try box.write(specText([alphaProvider], model: "alpha/m1"), to: "other.yaml")
        let before = snapshot(box.home)
        let facts = FileFacts(box.openworkPath)
        let r = try box.run(["apply", other, "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("would have: removed provider beta"))
        #expect(snapshot(box.home) == before)
        #expect(FileFacts(box.openworkPath) == facts)
    }
}
