import ArgumentParser
import FoundationEssentials
internal import SystemIO

/// Runs a root command with this tool's exit codes: usage errors are 2 (ArgumentParser's own
/// default is 64), help and version are 0, a `CommandFailure` prints its message.
public enum CommandMain {
    public static func run<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        do {
            var command = try LeafCommandParse.command(of: root, arguments: Array(CommandLine.arguments.dropFirst()))
                ?? root.parseAsRoot()
            try command.run()
            RunningProcess.exit(ExitStatus.success)
        } catch {
            fail(root, error)
        }
    }

    /// The same for a program whose commands are async (the probe's: they await HTTP calls).
    public static func run<Root: AsyncParsableCommand>(_ root: Root.Type) async -> Never {
        do {
            var command = try root.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            RunningProcess.exit(ExitStatus.success)
        } catch {
            fail(root, error)
        }
    }

    private static func fail<Root: ParsableCommand>(_ root: Root.Type, _ error: any Error) -> Never {
        switch error {
        case let exit as ExitCode:
            RunningProcess.exit(exit.rawValue)
        case let failure as CommandFailure:
            Terminal.error(failure.message)
            RunningProcess.exit(failure.exitCode)
        default:
            if root.exitCode(for: error) == .success {
                root.exit(withError: error)
            }
            Terminal.stderr(root.fullMessage(for: error) + "\n")
            RunningProcess.exit(ExitStatus.usage)
        }
    }
}
