import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import ValidateCLI

@main
struct ProviderSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider-sync",
        abstract: "Keep the LLM providers of a team's OpenCode and Openwork in one reviewed YAML spec.",
        discussion: """
            Exit codes: 0 success, 1 the check failed (an invalid spec, changes found by diff), \
            2 usage, I/O or environment error.
            """,
        version: ToolVersion.string,
        subcommands: [
            ValidateCommand.self, RenderCommand.self, DiffCommand.self, ApplyCommand.self, StatusCommand.self, ExplainCommand.self,
            RollbackCommand.self, PathsCommand.self, SecretCommand.self, SchemaCommand.self, InitCommand.self, HookCommand.self,
            AgentCommand.self, ProbeCommand.self, ModelsCommand.self, VersionCommand.self,
        ]
    )

    static func main() { CommandMain.run(Self.self) }
}
