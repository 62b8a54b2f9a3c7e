#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CLICommon
import FoundationEssentials
import ProbeTargets

/// `provider-sync probe ...`: replaced by provider-sync-probe with the same arguments, so the
/// HTTP stack is loaded only by the commands that use it (see ProbeProgram). `--help` goes
/// through too and prints the probe's own options.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check that each provider of the spec answers as OpenCode needs, and say how to fix what does not.",
        discussion: "Runs provider-sync-probe; `provider-sync probe --help` lists its options.",
        helpNames: []
    )

    @Argument(parsing: .captureForPassthrough, help: "Passed to provider-sync-probe.")
    var arguments: [String] = []

    func run() throws { try ProbeProgramLaunch.replaceProcess("probe", arguments) }
}

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model ids a provider serves, as a `models:` block to paste into the spec.",
        discussion: "Runs provider-sync-probe; `provider-sync models --help` lists its options.",
        helpNames: []
    )

    @Argument(parsing: .captureForPassthrough, help: "Passed to provider-sync-probe.")
    var arguments: [String] = []

    func run() throws { try ProbeProgramLaunch.replaceProcess("models", arguments) }
}

enum ProbeProgramLaunch {
    /// execv: the probe's output, exit code and signals are the command's own.
    static func replaceProcess(_ subcommand: String, _ arguments: [String]) throws {
        guard let path = ProbeProgram.path(environment: ProcessInfo.processInfo.environment) else {
            throw CommandFailure(message: ProbeProgram.missing)
        }
        let argv = ([ProbeProgram.name, subcommand] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw CommandFailure(message: "cannot run \(path): \(String(cString: strerror(errno)))")
    }
}
