import Foundation
import Testing

@Suite("version: the version, the git revision built from, the C libraries run with")
struct VersionCommandTests {
    private func git(_ arguments: [String], in folder: String) throws -> CLI.Result {
        try runProcess("/usr/bin/env", ["git"] + arguments, environment: ProcessInfo.processInfo.environment, folder: folder)
    }

    @Test("version: revision of this checkout, each library's version and the file it was loaded from; --version alone is the version")
    func version() throws {
        let r = try CLI.run(["version"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(lines)")
        let plain = try CLI.run(["--version"])
        #expect(plain.status == 0)
        #expect(lines.first == "provider-sync " + plain.stdout.dropLast(), "--version is the first line's version")
        #expect(plain.stdout.split(separator: "\n").count == 1)

        // Built from this checkout: its HEAD (dirty or not); "unknown" only without git.
        let head = try git(["rev-parse", "--short=12", "HEAD"], in: CLI.repository)
        if head.status == 0 {
            let revision = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(lines[1] == "revision \(revision)" || lines[1] == "revision \(revision)-dirty", "\(lines[1])")
        } else {
            #expect(lines[1] == "revision unknown")
        }
        for (index, name) in [(2, "libyaml"), (3, "libgit2"), (4, "libsecret")] {
            let parts = lines[index].split(separator: " ")
            #expect(parts.first.map(String.init) == name, "\(lines[index])")
            #expect(parts.count >= 3 && parts[1].first?.isNumber == true, "a version: \(lines[index])")
            let file = String(parts.last ?? "")
            #expect(file.hasPrefix("/") && FileManager.default.fileExists(atPath: file), "the loaded file: \(lines[index])")
            #expect(file.split(separator: "/").last?.hasPrefix(name == "libsecret" ? "libsecret-1.so" : name) == true)
        }
    }

    @Test("the build's revision script: HEAD's 12 characters, -dirty with edits, unknown outside a clone or without git; unchanged means the file is not rewritten",
          .enabled(if: AgentTools.hasGit))
    func revisionScript() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = CLI.repository + "/scripts/build-revision.sh"
        let output = folder + "/out"
        let generated = output + "/BuildRevision.swift"
        func revision(_ package: String, path: String = "/usr/local/bin:/usr/bin:/bin") throws -> String? {
            let r = try runProcess("/bin/sh", [script, package, output], environment: ["PATH": path, "HOME": folder], folder: folder)
            guard r.status == 0, let text = fileText(generated) else { return nil }
            let line = text.split(separator: "\n").first { $0.contains("static let value") } ?? ""
            return line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        let package = folder + "/package"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        #expect(try revision(package) == "unknown", "not a clone")

        for args in [["init", "-q"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "one"]] {
            #expect(try git(args, in: package).status == 0)
        }
        try "a\n".write(toFile: package + "/tracked", atomically: true, encoding: .utf8)
        #expect(try git(["add", "tracked"], in: package).status == 0)
        #expect(try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "two"], in: package).status == 0)
        let head = try git(["rev-parse", "--short=12", "HEAD"], in: package).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head.count == 12)
        #expect(try revision(package) == head)
        let facts = FileFacts(generated)
        #expect(try revision(package) == head)
        #expect(FileFacts(generated) == facts, "the same revision: the file is left alone, nothing recompiles")

        try "b\n".write(toFile: package + "/tracked", atomically: true, encoding: .utf8)
        #expect(try revision(package) == head + "-dirty")
        // A PATH with the script's other tools but no git.
        let tools = folder + "/tools"
        try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
        for tool in ["mkdir", "cat", "mv"] {
            try FileManager.default.createSymbolicLink(atPath: "\(tools)/\(tool)", withDestinationPath: "/bin/\(tool)")
        }
        #expect(try revision(package, path: tools) == "unknown", "no git on PATH")
    }
}
