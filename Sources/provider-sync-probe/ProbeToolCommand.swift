import ArgumentParser
import CLICommon

/// `provider-sync-probe`: `provider-sync probe` and `models` run this program, which alone
/// carries the HTTP stack (see ProbeProgram).
@main
struct ProbeToolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named as users call it: `provider-sync probe` runs this program with its arguments.
        commandName: "provider-sync",
        abstract: "provider-sync-probe: the program `provider-sync probe` and `provider-sync models` run.",
        version: ToolVersion.string,
        subcommands: [ProbeCommand.self, ModelsCommand.self]
    )

    static func main() { CommandMain.run(Self.self) }
}
