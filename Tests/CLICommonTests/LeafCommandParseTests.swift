import ArgumentParser
import CLICommon
import Testing

/// A root with a leaf subcommand and a group, as provider-sync's.
private struct Root: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "root", version: "1.0", subcommands: [Leaf.self, Group.self])
}

private struct Leaf: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leaf")
    @Argument var paths: [String] = []
    @Option var format: String = "text"
    @Flag var strict = false

    func validate() throws {
        if paths.contains("invalid") { throw ValidationError("a path named invalid") }
    }
}

private struct Group: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "group", subcommands: [Leaf.self])
}

@Suite("a leaf subcommand parsed on its own")
struct LeafCommandParseTests {
    @Test("a plain command line gives the command the root's parse gives")
    func sameCommand() throws {
        let line = ["leaf", "a.yaml", "--format", "json", "--strict", "b.yaml"]
        let alone = try #require(LeafCommandParse.command(of: Root.self, arguments: line) as? Leaf)
        let fromRoot = try #require(try Root.parseAsRoot(line) as? Leaf)
        #expect(alone.paths == ["a.yaml", "b.yaml"] && alone.paths == fromRoot.paths)
        #expect(alone.format == "json" && alone.format == fromRoot.format)
        #expect(alone.strict && fromRoot.strict)
    }

    @Test("help, version, errors, completion and dump-help requests, groups and the bare root are left to the root",
          arguments: [
              ["leaf", "--help"], ["leaf", "-h"], ["leaf", "--version"], ["leaf", "--bogus"], ["leaf", "--format"],
              ["leaf", "invalid"], ["leaf", "--generate-completion-script", "bash"], ["leaf", "--experimental-dump-help"],
              ["group", "leaf"], ["help", "leaf"], ["--version"], [], ["unknown"],
          ])
    func leftToTheRoot(_ line: [String]) {
        #expect(LeafCommandParse.command(of: Root.self, arguments: line) == nil)
    }
}
