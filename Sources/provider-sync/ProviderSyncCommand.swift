import ArgumentParser
import Foundation

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
            ValidateCommand.self, RenderCommand.self, DiffCommand.self, ApplyCommand.self, StatusCommand.self,
            RollbackCommand.self, PathsCommand.self, SecretCommand.self, SchemaCommand.self, InitCommand.self, HookCommand.self,
            AgentCommand.self, ProbeCommand.self, ModelsCommand.self, VersionCommand.self,
        ]
    )

    /// Runs the command with this tool's exit codes: usage errors are 2 (ArgumentParser's own
    /// default is 64), help and version are 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            Terminal.error(failure.message)
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            Terminal.stderr(fullMessage(for: error) + "\n")
            Foundation.exit(ExitStatus.usage)
        }
    }
}

enum ToolVersion {
    static let string = "0.1.0"
}

/// The exit codes scripts can rely on.
enum ExitStatus {
    static let success: Int32 = 0
    /// The check failed: invalid spec, diff found changes.
    static let failed: Int32 = 1
    /// Usage, I/O or environment error.
    static let usage: Int32 = 2
}

/// An error that ends a command with a message and an exit code.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = ExitStatus.usage
}
