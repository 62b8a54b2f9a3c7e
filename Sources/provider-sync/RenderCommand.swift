import ArgumentParser
internal import CLICommon
internal import OpenCodeConfig
internal import ProviderSpec
internal import Secrets
internal import Sync
internal import JSONCore

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the opencode.json the spec becomes (keys masked).",
        discussion: """
            Without --target: the document the spec renders to. With --target: the whole file \
            that apply would write there, merged with what is in it now. Nothing is written.
            """
    )

    @OptionGroup var specOptions: SpecOptions
    @OptionGroup var targetOptions: TargetOptions
    @OptionGroup var secretsOptions: SecretsOptions

    @Flag(help: "Show keychain keys instead of ********.")
    var showSecrets = false

    func run() throws {
        let (spec, _) = try specOptions.load()
        let desired = showSecrets ? try rendered(spec) : try masked(spec)
        guard !targetOptions.targetNames.isEmpty else {
            show(JSONWriter.pretty(desired.document) + "\n")
            return
        }
        let plans = try Pipeline.plans(desired, targetOptions)
        for plan in plans {
            if plans.count > 1 { Terminal.stdout("// \(plan.target): \(plan.path)\n") }
            show(showSecrets ? plan.result.text : Pipeline.masked(plan.result.text, role: plan.role))
        }
    }

    private func show(_ text: String) {
        if showSecrets { Terminal.stdoutRevealingSecrets(text) } else { Terminal.stdout(text) }
    }

    private func rendered(_ spec: Spec) throws -> RenderedConfig {
        let keyFiles = KeyFiles(state: try ThisWorkstation.stateLocation(targetOptions.platform))
        return try Pipeline.render(spec, mode: secretsOptions.mode(for: spec), keyFiles: keyFiles, targets: targetOptions.targets).0
    }

    /// Keys masked without reading the keychain; in the file mode the {file:...} references
    /// are shown, as they hold no secret; in the auth mode no apiKey, and auth.json's keys masked.
    private func masked(_ spec: Spec) throws -> RenderedConfig {
        switch secretsOptions.mode(for: spec) {
        case .inline:
            return renderMasked(spec)
        case .file:
            let keyFiles = KeyFiles(state: try ThisWorkstation.stateLocation(targetOptions.platform))
            return OpenCodeConfig.render(spec) { .file(path: keyFiles.path(for: $0)) }
        case .auth:
            var config = OpenCodeConfig.render(spec) { _ in .omitted }
            let masks = Dictionary(KeyResolver.keyringUses(in: spec).map { ($0.name, KeyringKey.mask) }) { first, _ in first }
            config.authEntries = authEntries(spec, keys: masks)
            return config
        }
    }
}
