internal import Agent
import ArgumentParser
internal import CLICommon
internal import JSONCore
internal import OpenCodeLayers
internal import ProviderSpec
internal import Workstation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what OpenCode will see on this workstation: its config layers in order, and for each spec provider whether it survives, and if not which file removes or overrides it.",
        discussion: """
            An app target (app, openwork, accomplish; app is each app folder it stands for) is worked out as the app starts OpenCode \
            (OPENCODE_CONFIG and OPENCODE_CONFIG_DIR set to its files, in the temporary folder \
            or --cwd); any other as a terminal does (this environment, --cwd for project files). \
            The OpenCode version decides parts of the order: it is read from the app's install \
            or `opencode --version`; --opencode-version overrides it; when it is unknown, every \
            outcome that differs is shown. Exit codes: 0 every spec provider is usable, 1 one \
            is not, 2 error (an invalid spec included).
            """
    )

    @OptionGroup var specOptions: SpecOptions
    @OptionGroup var targetOptions: TargetOptions

    @Option(help: ArgumentHelp("The folder OpenCode runs in: where its project files are found (the app: the task's folder).", valueName: "dir"))
    var cwd: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("The OpenCode version to assume (N.N.N), instead of the one found.", valueName: "version"))
    var opencodeVersion: String?

    func validate() throws {
        if let opencodeVersion, OpenCodeVersion(finding: opencodeVersion)?.description != opencodeVersion.trimmingV {
            throw ValidationError("--opencode-version wants a version such as 1.4.3, not \"\(opencodeVersion)\"")
        }
    }

    func run() throws {
        let spec: Spec
        do {
            spec = try specOptions.load().0
        } catch var failure as CommandFailure {
            // 1 means "a provider is not usable": an invalid spec is an error here.
            failure.exitCode = ExitStatus.usage
            throw failure
        }
        let workstation = ThisWorkstation.locations(targetOptions.platform)
        let version = opencodeVersion.flatMap(OpenCodeVersion.init(finding:))
        var explained: [(Target, Explanation)] = []
        for target in targetOptions.targets.flatMap({ workstation.concreteTargets(of: $0) }) {
            do {
                explained.append((target, try Explanation.explain(target, providerIDs: spec.providers.map(\.id), on: workstation,
                                                                  workingDirectory: cwd, version: version, detector: .system)))
            } catch {
                throw CommandFailure(message: "\(target): \(error)")
            }
        }
        let model = spec.model?.description
        switch format {
        case .json:
            var o = JSONObject()
            o["usable"] = .bool(explained.allSatisfy { $0.1.usable })
            o["targets"] = .array(explained.map { $1.json(target: $0.description, expectedModel: model) })
            Terminal.stdout(JSONWriter.pretty(.object(o)) + "\n")
        case .text:
            for (target, explanation) in explained {
                Terminal.stdout(ExplanationText(explanation, display: ThisWorkstation.display).text(target: target.description, expectedModel: model))
            }
        }
        if !explained.allSatisfy({ $0.1.usable }) { throw ExitCode(ExitStatus.failed) }
    }
}

private extension String {
    /// "v1.2.3" read as "1.2.3".
    var trimmingV: String { hasPrefix("v") ? String(dropFirst()) : self }
}
