import ArgumentParser
import OpenCodeConfig
import JSONCore

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

    @Flag(help: "Show keychain keys instead of ********.")
    var showSecrets = false

    func run() throws {
        let (spec, _) = try specOptions.load()
        let desired = showSecrets ? try Pipeline.render(spec) : renderMasked(spec)
        guard !targetOptions.targetNames.isEmpty else {
            Terminal.stdout(JSONWriter.pretty(desired.document) + "\n")
            return
        }
        for plan in try Pipeline.plans(desired, targetOptions) {
            if targetOptions.targets.count > 1 { Terminal.stdout("// \(plan.target): \(plan.path)\n") }
            Terminal.stdout(showSecrets ? plan.result.text : Pipeline.masked(plan.result.text))
        }
    }
}
