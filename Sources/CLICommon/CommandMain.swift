import ArgumentParser
import FoundationEssentials
import SystemIO

/// Runs a root command with this tool's exit codes: usage errors are 2 (ArgumentParser's own
/// default is 64), help and version are 0, a `CommandFailure` prints its message.
public enum CommandMain {
    public static func run<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        do {
            var command = try root.parseAsRoot()
            try command.run()
            RunningProcess.exit(ExitStatus.success)
        } catch let code as ExitCode {
            RunningProcess.exit(code.rawValue)
        } catch let failure as CommandFailure {
            Terminal.error(failure.message)
            RunningProcess.exit(failure.exitCode)
        } catch {
            if root.exitCode(for: error) == .success {
                root.exit(withError: error)
            }
            Terminal.stderr(root.fullMessage(for: error) + "\n")
            RunningProcess.exit(ExitStatus.usage)
        }
    }
}
