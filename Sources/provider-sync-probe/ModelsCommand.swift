import ArgumentParser
internal import CLICommon
internal import JSONCore
internal import Probe
internal import ProbeWire

struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model ids the provider on standard input serves, as a `models:` block to paste into the spec.",
        discussion: "Exit codes: 0 listed, 1 the server gave no listing (unreachable, refused key, no /models), 2 usage or error."
    )

    @OptionGroup var connection: ProbeConnectionOptions

    func run() async throws {
        let targets = try StandardInputTargets.read()
        guard targets.count == 1, let target = targets.first else {
            throw CommandFailure(message: "models lists one provider; standard input holds \(targets.count)")
        }
        let settings = ProbeSettings(timeout: connection.timeout, caFile: connection.caFile)
        let result = try await Prober(settings: settings).listModels(target)
        guard let served = result.served else {
            for check in result.checks where check.status != .pass {
                Terminal.error("\(ProbeText.shown(target.id)): \(ProbeText.shown(check.summary))" + (check.fix.map { "\n  fix: \(ProbeText.shown($0))" } ?? ""))
            }
            throw ExitCode(ExitStatus.failed)
        }
        let inSpec = Set(target.models.map(JSONKey.init))  // by code points, as the server compares ids
        Terminal.stderr("# \(ProbeText.shown(target.id)) (\(ProbeText.shown(target.baseURL))) serves \(served.count) model\(served.count == 1 ? "" : "s")"
                        + (inSpec.isEmpty ? "" : "; \(served.filter { inSpec.contains(JSONKey($0)) }.count) of them in the spec") + "\n")
        Terminal.stdout(ProbeText.modelsBlock(served))
    }
}
