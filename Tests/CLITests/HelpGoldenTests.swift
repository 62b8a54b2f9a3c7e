import Foundation
import Testing

/// The whole `--help` of every command of the three programs, compared with the text kept in
/// Tests/Golden/help: a flag added, renamed or reworded shows in review as a change of that
/// file. `PROVIDER_SYNC_UPDATE_GOLDEN=1 swift test --filter HelpGoldenTests` rewrites them.
@Suite("--help of every command, against golden files")
struct HelpGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/help").path
    static let updating = ProcessInfo.processInfo.environment["PROVIDER_SYNC_UPDATE_GOLDEN"] == "1"
    static let programs = ["provider-sync", "provider-sync-probe", "provider-sync-validate"]

    /// Every command path of a program, found by walking the SUBCOMMANDS of each help text.
    static func commands(of program: String) throws -> [(path: [String], help: String)] {
        let executable = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent(program).path
        var found: [(path: [String], help: String)] = []
        var queue: [[String]] = [[]]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            let result = try CLI.run(executable: executable, path + ["--help"])
            #expect(result.status == 0, "\(program) \(path.joined(separator: " ")) --help: \(result.stderr)")
            found.append((path, result.stdout))
            queue += subcommands(in: result.stdout).filter { $0 != "help" }.map { path + [$0] }
        }
        return found
    }

    /// The names listed under SUBCOMMANDS: (two spaces, a name, then its summary).
    static func subcommands(in help: String) -> [String] {
        guard let start = help.range(of: "\nSUBCOMMANDS:\n") else { return [] }
        var names: [String] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let name = line.dropFirst(2).prefix { $0 != " " }
            if !name.isEmpty { names.append(String(name)) }
        }
        return names
    }

    /// Tests/Golden/help/PROGRAM/agent-run.txt; the program's own help is help.txt (the
    /// `help` subcommand is not walked, so no command has that name).
    static func file(_ program: String, _ path: [String]) -> String {
        folder + "/" + program + "/" + (path.isEmpty ? "help" : path.joined(separator: "-")) + ".txt"
    }

    @Test("each help text is its golden file, and every golden file is a command", arguments: programs)
    func helpMatchesGolden(program: String) throws {
        let commands = try Self.commands(of: program)
        #expect(commands.count > 1 || program != "provider-sync", "the walk found no subcommands")
        let programFolder = Self.folder + "/" + program
        if Self.updating { try FileManager.default.createDirectory(atPath: programFolder, withIntermediateDirectories: true) }
        for (path, help) in commands {
            let file = Self.file(program, path)
            if Self.updating { try help.write(toFile: file, atomically: true, encoding: .utf8) }
            let golden = try? String(contentsOfFile: file, encoding: .utf8)
            #expect(golden == help, "\(file) differs from the help printed; rerun with PROVIDER_SYNC_UPDATE_GOLDEN=1 and review the diff")
        }
        let names = Set(commands.map { Self.file(program, $0.path) })
        let kept = Set(try FileManager.default.contentsOfDirectory(atPath: programFolder).map { programFolder + "/" + $0 })
        #expect(kept.subtracting(names).isEmpty, "golden files of no command: \(kept.subtracting(names).sorted())")
    }

    /// Lost line continuations show as a run of spaces inside a sentence of the overview or
    /// discussion (what `status --help` once printed).
    static func spaceRunsInProse(_ help: String) -> [Substring] {
        let prose = help.components(separatedBy: "\nUSAGE:").first ?? ""
        return prose.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).contains("   ") }
    }

    @Test("no run of spaces inside the prose of a help text", arguments: programs)
    func noSpaceRunsInProse(program: String) throws {
        // The check finds what it is for: a discussion written with a backslash-less line break.
        #expect(Self.spaceRunsInProse("OVERVIEW: Show each target.\n\nDrift is an owned provider            edited by hand.\n\nUSAGE: x").count == 1)
        for (path, help) in try Self.commands(of: program) {
            for line in Self.spaceRunsInProse(help) {
                Issue.record("\(program) \(path.joined(separator: " ")): \"\(line)\"")
            }
        }
    }
}
