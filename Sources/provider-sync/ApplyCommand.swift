import ArgumentParser
import Foundation
import OpenCodeConfig
import Sync

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Write the spec's providers into each target's opencode.json.",
        discussion: """
            Validates the spec, reads keys from the keychain, merges into each file (only what \
            provider-sync owns is touched), then writes every changed file atomically, mode 0600, \
            keeping the previous version for `rollback`. Any failure writes nothing.
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
        let (spec, specHash) = try specOptions.load()
        let state = try Workstation.stateLocation(targetOptions.platform)
        let keyFiles = KeyFiles(state: state)
        let (desired, keyValues) = try Pipeline.render(spec, mode: secretsOptions.mode(for: spec), keyFiles: keyFiles)
        let options = MergeOptions(adopt: adopt, allowEmpty: allowEmpty)
        if dryRun {
            report(try Pipeline.plans(desired, targetOptions, options: options), wrote: false)
            return
        }
        let plans: [TargetPlan]
        var rotated: [String] = []
        do {
            plans = try WriteLock.withLock(state: state, timeout: .seconds(lockTimeout)) {
                // Planned under the lock: merged against the files as they are now.
                let plans = try Pipeline.plans(desired, targetOptions, options: options)
                rotated = try keyFiles.write(keyValues)
                try PlanWriter(state: state, toolVersion: ToolVersion.string).write(plans, specHash: specHash)
                return plans
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        report(plans, wrote: true)
        for name in rotated { Terminal.stdout("key file of \(name) written (\(Workstation.display(keyFiles.path(for: name))))\n") }
    }

    private func report(_ plans: [TargetPlan], wrote: Bool) {
        for plan in plans {
            let place = "\(plan.target) (\(Workstation.display(plan.path)))"
            for warning in plan.result.warnings { Terminal.warning("\(place): \(warning)") }
            guard plan.changesFile else {
                Terminal.stdout("\(place): up to date\n")
                continue
            }
            let verb = wrote ? "" : "would have: "
            Terminal.stdout("\(place): \(verb)\(plan.result.changes.map(\.description).joined(separator: ", "))\n")
        }
    }
}
