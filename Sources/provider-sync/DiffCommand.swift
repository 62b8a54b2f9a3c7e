import ArgumentParser
internal import CLICommon
internal import OpenCodeConfig
internal import ProviderSpec
internal import Sync

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what apply would change in each target, as a unified diff (keys masked).",
        discussion: "Exit codes: 0 no change, 1 changes, 2 error, an invalid spec or a missing key included (as `flux diff`: 1 means changes only)."
    )

    @OptionGroup var specOptions: SpecOptions
    @OptionGroup var targetOptions: TargetOptions
    @OptionGroup var secretsOptions: SecretsOptions

    func run() throws {
        var changed = false
        do {
            let (spec, _) = try specOptions.load()
            for plan in try Pipeline.plans(try rendered(spec), targetOptions) where plan.changesFile {
                changed = true
                let old = plan.currentText.map { Pipeline.masked($0, role: plan.role) } ?? ""
                Terminal.stdout(unifiedDiff(old: old, new: Pipeline.masked(plan.result.text, role: plan.role), path: plan.path))
            }
        } catch var failure as CommandFailure {
            // 1 is "there are changes": an invalid spec or a missing key is an error here.
            failure.exitCode = ExitStatus.usage
            throw failure
        }
        if changed { throw ExitCode(ExitStatus.failed) }
    }

    private func rendered(_ spec: Spec) throws -> RenderedConfig {
        let keyFiles = KeyFiles(state: try ThisWorkstation.stateLocation(targetOptions.platform))
        return try Pipeline.render(spec, mode: secretsOptions.mode(for: spec), keyFiles: keyFiles, targets: targetOptions.targets).0
    }
}
