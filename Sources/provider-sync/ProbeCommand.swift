import ArgumentParser
internal import CLICommon
internal import ProbeLaunch
internal import ProbeWire
internal import ProviderSpec
internal import Secrets
internal import SystemIO
internal import Workstation

/// `provider-sync probe`: the spec read and the keys resolved here, the HTTP checks run by
/// provider-sync-probe (see ProbeProgram), whose output and exit code are the command's own.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check that each provider of the spec answers as OpenCode needs, and say how to fix what does not.",
        discussion: ProbeCheckOptions.checksDescription + " " + """
            Exit codes: 0 every check passed (notes allowed), 1 a check failed or the spec \
            is invalid (as for validate and apply), 2 usage or error.
            """
    )

    @OptionGroup var specOptions: SpecOptions

    @Option(name: .customLong("provider"), help: ArgumentHelp("Probe only this provider id; repeat for several.", valueName: "id"))
    var providerIDs: [String] = []

    @OptionGroup var checks: ProbeCheckOptions

    func run() throws {
        let program = try ProbeRun.program()
        let targets = try ProbeRun.targets(try specOptions.load().0, only: providerIDs)
        try ProbeRun.attached(program, ["probe"] + checks.arguments, targets: targets)
    }
}

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model ids a provider serves, as a `models:` block to paste into the spec.",
        discussion: "Exit codes: 0 listed, 1 the server gave no listing (unreachable, refused key, no /models) or the spec is invalid, 2 usage or error."
    )

    @Argument(help: "The provider id in the spec.")
    var provider: String

    @OptionGroup var specOptions: SpecOptions

    @OptionGroup var connection: ProbeConnectionOptions

    func run() throws {
        let program = try ProbeRun.program()
        let targets = try ProbeRun.targets(try specOptions.load().0, only: [provider])
        try ProbeRun.attached(program, ["models"] + connection.arguments, targets: targets)
    }
}

/// The CLI's side of a probe: where the program is, the spec's providers with their keys.
enum ProbeRun {
    static func program() throws -> String {
        guard let path = ProbeProgram.path(in: .process()) else { throw CommandFailure(message: ProbeProgram.missing) }
        return path
    }

    /// The spec's providers with their keys resolved where this workstation keeps them.
    static func targets(_ spec: Spec, only ids: [String]) throws -> [ProbeTarget] {
        let locations = ThisWorkstation.locations()
        let keychain = KeychainSession(environment: locations.environment.values)
        do {
            return try ProbeTargets.make(spec, only: ids, locations: locations, keychain: keychain.lookup)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// Runs the probe program on `targets`, its output this command's; ends with its exit code.
    static func attached(_ program: String, _ arguments: [String], targets: [ProbeTarget]) throws {
        let result: Subprocess.Result
        do {
            result = try ProbeProgram.run(program, arguments, targets: targets, environment: .process(), output: .inherited)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        if result.status != 0 { throw ExitCode(result.status) }
    }
}
