import ArgumentParser
internal import CLICommon
internal import Sync
internal import SystemIO
internal import Workstation

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Restore a previous version of a target's files from the history (the last 5).",
        discussion: """
            The version it replaces goes into the history too, so a rollback can be rolled back. \
            A target of several files (the app's sidecar and its own file) restores each file that \
            has a history, each from its own. OpenCode's auth.json is never restored: OpenCode \
            rotates the OAuth tokens in it, and an old version would bring back spent ones. \
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
        let files = try restorable(try planner.files(of: targetOptions.targets), history: History(state: state))
        if files.contains(where: { $0.role == .managed }), !RunningProcess.isAdministrator {
            throw CommandFailure(message: "\(ApplyError.notAdministrator(folder: planner.locations.opencodeManagedFolder()))")
        }
        for targetFile in files {
            let target = targetFile.target, file = targetFile.path
            do {
                let restored = try WriteLock.withLock(state: state, timeout: .seconds(lockTimeout)) {
                    try PlanWriter(state: state, toolVersion: ToolVersion.string).rollback(file, steps: steps, role: targetFile.role)
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

    /// The files to restore: auth.json never; of a target's other files, those with a history
    /// (the app's file, when the app never had one, has none). A file with fewer versions than
    /// asked for is an error before anything is restored; so is a target none of whose files has one.
    private func restorable(_ files: [TargetFile], history: History) throws -> [TargetFile] {
        var chosen: [TargetFile] = []
        for target in targetOptions.targets {
            let ofTarget = files.filter { $0.role != .authStore && ($0.target == target || (target == .named(.app) && $0.target.isApp)) }
            var counts: [(TargetFile, Int)] = []
            for file in ofTarget where !chosen.contains(where: { $0.path == file.path }) {
                do {
                    // A device, FIFO or socket there is refused as such, whatever the history holds.
                    try FileReader.requireRegularFile(file.path)
                    counts.append((file, try history.entries(for: file.path).count))
                } catch {
                    throw CommandFailure(message: "\(file.target) (\(file.path)): \(error)", exitCode: ExitStatus.usage)
                }
            }
            if let short = counts.first(where: { $0.1 > 0 && $0.1 < steps }) ?? (counts.allSatisfy { $0.1 == 0 } ? counts.first : nil) {
                let error = HistoryError.notEnoughVersions(target: short.0.path, requested: steps, available: short.1)
                throw CommandFailure(message: "\(short.0.target) (\(short.0.path)): \(error)", exitCode: ExitStatus.usage)
            }
            chosen += counts.filter { $0.1 > 0 }.map(\.0)
        }
        return chosen
    }
}
