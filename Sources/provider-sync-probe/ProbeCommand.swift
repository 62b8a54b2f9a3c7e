import ArgumentParser
internal import CLICommon
internal import Probe
internal import ProbeWire
internal import Redaction
internal import SystemIO

struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check the providers on standard input (as `provider-sync probe` and the agent send them).",
        discussion: ProbeCheckOptions.checksDescription + " " + """
            Exit codes: 0 every check passed (notes allowed), 1 a check failed, 2 usage or error.
            """
    )

    @OptionGroup var checks: ProbeCheckOptions

    func run() async throws {
        let targets = try StandardInputTargets.read()
        let settings = ProbeSettings(timeout: checks.connection.timeout, concurrency: checks.concurrency, tools: !checks.noTools,
                                     caFile: checks.connection.caFile)
        let report = try await Prober(settings: settings).probe(targets)
        switch checks.format {
        case .json: Terminal.stdout(ProbeWireFormat.text(report))
        case .text: Terminal.stdout(ProbeText.render(report))
        }
        if report.failed { throw ExitCode(ExitStatus.failed) }
    }
}

/// The targets `provider-sync` or the agent wrote on standard input, their keys registered
/// with the redactor before anything can print them.
enum StandardInputTargets {
    static func read() throws -> [ProbeTarget] {
        let targets: [ProbeTarget]
        do {
            targets = try ProbeWireFormat.targets(from: try StandardStream.input.readAll())
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        for key in targets.compactMap(\.apiKey) { SecretRedactor.shared.register(key) }
        return targets
    }
}
