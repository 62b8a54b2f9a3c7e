import ArgumentParser
import CLICommon
import CLICommon
import FoundationEssentials
import JSONCore
import Probe
import ProbeTargets

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model ids a provider serves, as a `models:` block to paste into the spec.",
        discussion: "Exit codes: 0 listed, 1 the server gave no listing (unreachable, refused key, no /models) or the spec is invalid, 2 usage or error."
    )

    @Argument(help: "The provider id in the spec.")
    var provider: String

    @OptionGroup var specOptions: SpecOptions

    @Option(help: "Bound of the request, in seconds.")
    var timeout: Double = 20

    @Option(help: ArgumentHelp("A PEM file of extra CAs to trust (a company CA).", valueName: "path"))
    var caFile: String?

    func validate() throws {
        try CAFileOption.check(caFile)
    }

    func run() throws {
        let (spec, _) = try specOptions.load()
        guard let target = try ProbeTargetsForCommand.make(spec, only: [provider]).first else { throw ExitCode(ExitStatus.usage) }
        let settings = ProbeSettings(timeout: timeout, caFile: caFile)
        let result = try Blocking.run { try await Prober(settings: settings).listModels(target) }
        guard let served = result.served else {
            for check in result.checks where check.status != .pass {
                Terminal.error("\(ProbeText.shown(provider)): \(ProbeText.shown(check.summary))" + (check.fix.map { "\n  fix: \(ProbeText.shown($0))" } ?? ""))
            }
            throw ExitCode(ExitStatus.failed)
        }
        let inSpec = Set(target.models.map(JSONKey.init))  // by code points, as the server compares ids
        Terminal.stderr("# \(ProbeText.shown(provider)) (\(ProbeText.shown(target.baseURL))) serves \(served.count) model\(served.count == 1 ? "" : "s")"
                        + (inSpec.isEmpty ? "" : "; \(served.filter { inSpec.contains(JSONKey($0)) }.count) of them in the spec") + "\n")
        Terminal.stdout(ProbeText.modelsBlock(served))
    }
}
