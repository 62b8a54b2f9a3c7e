import ArgumentParser
internal import CLICommon

/// `provider-sync-probe`: the one program that carries the HTTP stack (see ProbeProgram).
/// `provider-sync probe` and `models` and the agent's health check run it with the providers,
/// keys resolved, on its standard input; it reads no spec and no keychain.
@main
struct ProbeToolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider-sync-probe",
        abstract: "The HTTP checks of `provider-sync probe` and `provider-sync models`, on providers given as JSON on standard input.",
        version: ToolVersion.string,
        subcommands: [ProbeCommand.self, ModelsCommand.self, NotifyCommand.self]
    )

    static func main() async { await CommandMain.run(Self.self) }
}
