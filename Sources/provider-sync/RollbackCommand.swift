import ArgumentParser
import CLICommon
import Sync
import Workstation

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Restore a previous version of a target's opencode.json from the history (the last 5).",
        discussion: """
            The version it replaces goes into the history too, so a rollback can be rolled back. \
            Exit codes: 0 restored, 2 nothing to restore or an error (the file is left as it was).
            """
    )

    @OptionGroup var targetOptions: TargetOptions

    @Option(help: "How many versions back: 1 is the version before the last write.")
    var steps = 1

    @Option(help: "Seconds to wait for another provider-sync that is writing.")
    var lockTimeout: Int = 10

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be 1 or more") }
    }

    func run() throws {
        let state = try ThisWorkstation.stateLocation(targetOptions.platform)
        let planner = try ThisWorkstation.planner(targetOptions)
        let files = try targetOptions.targets.flatMap { target throws in try planner.files(of: target) }
        for targetFile in files {
            let target = targetFile.target, file = targetFile.path
            do {
                let restored = try WriteLock.withLock(state: state, timeout: .seconds(lockTimeout)) {
                    try PlanWriter(state: state, toolVersion: ToolVersion.string).rollback(file, steps: steps)
                }
                Terminal.stdout("\(target) (\(ThisWorkstation.display(file))): restored the version saved \(restored.savedAt)\n")
            } catch {
                // No such version, or the lock or file could not be had: not a failed check.
                throw CommandFailure(message: "\(target) (\(file)): \(error)", exitCode: ExitStatus.usage)
            }
            // Key files are deleted once no target names them: an older version may name one.
            for name in (try? KeyFiles(state: state).missingNames(inFileAt: file)) ?? [] {
                Terminal.warning("\(target) (\(ThisWorkstation.display(file))): the restored version names the key file of \(name), "
                    + "which was deleted when no target named it any more; write it again with `provider-sync apply --secrets file`")
            }
        }
    }
}
