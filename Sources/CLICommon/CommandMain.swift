#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import FoundationEssentials

/// Runs a root command with this tool's exit codes: usage errors are 2 (ArgumentParser's own
/// default is 64), help and version are 0, a `CommandFailure` prints its message.
public enum CommandMain {
    public static func run<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        do {
            var command = try root.parseAsRoot()
            try command.run()
            exit(ExitStatus.success)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let failure as CommandFailure {
            Terminal.error(failure.message)
            exit(failure.exitCode)
        } catch {
            if root.exitCode(for: error) == .success {
                root.exit(withError: error)
            }
            Terminal.stderr(root.fullMessage(for: error) + "\n")
            exit(ExitStatus.usage)
        }
    }
}
