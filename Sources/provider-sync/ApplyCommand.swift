import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import OpenCodeConfig
internal import Sync

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Write the spec's providers into each target's files.",
        discussion: """
            Validates the spec, reads keys from the keychain, merges into each file (only what \
            provider-sync owns is touched), then writes every changed file atomically, mode 0600 \
            (the managed file 0644), keeping the previous version for `rollback`. A file another \
            program wrote meanwhile (the app, OpenCode) is merged again, never replaced. Any \
            failure writes nothing.
            """
    )

    @OptionGroup var specOptions: SpecOptions
    @OptionGroup var targetOptions: TargetOptions
    @OptionGroup var secretsOptions: SecretsOptions

    @Flag(help: "Say what would change; write nothing.")
    var dryRun = false

    @Flag(help: "Take over hand-made providers that have the id of a spec provider.")
    var adopt = false

    @Flag(help: "Let a spec without providers remove every provider provider-sync wrote.")
    var allowEmpty = false

    @Option(help: "Seconds to wait for another provider-sync that is writing.")
    var lockTimeout: Int = 10

    func run() throws {
        let (spec, specHash) = try specOptions.load(writes: true)
        let state = try ThisWorkstation.stateLocation(targetOptions.platform)
        let keyFiles = KeyFiles(state: state)
        let (desired, keyValues) = try Pipeline.render(spec, mode: secretsOptions.mode(for: spec), keyFiles: keyFiles,
                                                           targets: targetOptions.targets)
        let transaction = ApplyTransaction(
            state: state, planner: try ThisWorkstation.planner(targetOptions, options: MergeOptions(adopt: adopt, allowEmpty: allowEmpty)),
            targets: targetOptions.targets, toolVersion: ToolVersion.string, lockTimeout: .seconds(lockTimeout))
        let outcome: ApplyOutcome
        do {
            if dryRun {
                report(try transaction.plan(desired), wrote: false)
                return
            }
            outcome = try transaction.commit(desired, keyFileValues: keyValues, specHash: specHash)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        report(outcome.plans, wrote: true)
        for name in outcome.keyFilesWritten {
            Terminal.stdout("key file of \(name) written (\(ThisWorkstation.display(keyFiles.path(for: name))))\n")
        }
        for name in outcome.keyFilesRemoved {
            Terminal.stdout("key file of \(name) deleted: no target names it any more (\(ThisWorkstation.display(keyFiles.path(for: name))))\n")
        }
    }

    private func report(_ plans: [TargetPlan], wrote: Bool) {
        for plan in plans {
            let place = "\(plan.target) (\(ThisWorkstation.display(plan.path)))"
            for warning in plan.result.warnings { Terminal.warning("\(place): \(warning)") }
            if !wrote, let note = plan.readOnlyNote(written: false) { Terminal.warning("\(place): \(note)") }
            guard plan.changesFile else {
                Terminal.stdout("\(place): up to date\n")
                continue
            }
            let verb = wrote ? "" : "would have: "
            Terminal.stdout("\(place): \(verb)\(plan.result.changes.map(\.description).joined(separator: ", "))\n")
        }
    }
}
