import FoundationEssentials
internal import OpenCodeConfig
internal import SystemIO
public import Workstation

/// Writes planned targets: each changed file atomically with its previous version kept in the
/// history, then its state. Callers hold the write lock and re-plan under it, so what is
/// written was merged against the file as it is now.
public struct PlanWriter: Sendable {
    public var state: StateLocation
    public var toolVersion: String

    public init(state: StateLocation, toolVersion: String) {
        self.state = state
        self.toolVersion = toolVersion
    }

    public func write(_ plans: [TargetPlan], specHash: String, now: Date = Date()) throws {
        let history = History(state: state)
        for plan in plans {
            var next = plan.state
            next.record(plan.result.ownership)
            if plan.changesFile {
                // Worked out before the first write: the stretch from the first write to the
                // rename is kept short (a kill in it leaves the old file).
                if let current = plan.currentBytes {
                    next.remember(version: current, ownership: plan.state.ownership)
                }
                // First note what the new file adds, as pending: a crash right after the file is
                // replaced then leaves a state that still finds every provider this tool wrote,
                // and a write that fails claims nothing (see `TargetState.settled`).
                var interim = plan.state
                interim.expect(plan.result.ownership)
                if interim != plan.state { try interim.save(in: state) }
                do {
                    // The bytes planned under the lock are the file's: no second read of it.
                    try history.write(plan.result.bytes, to: plan.path, replacing: plan.currentBytes, mode: FileMode(plan.role.mode),
                                      folderMode: Self.folderMode(plan.role), unchangedSince: plan.snapshot)
                } catch {
                    settle(interim, path: plan.path)
                    throw error
                }
            }
            guard plan.changesFile || plan.hadPendingClaims || next != plan.state || next.lastAppliedSpecHash != specHash
            else { continue }
            next.lastAppliedSpecHash = specHash
            next.appliedAt = now
            next.toolVersion = toolVersion
            try next.save(in: state)
        }
    }

    /// Puts the `steps`-th previous version of `target` back (see `History.rollback`) together
    /// with what this tool owned in it, so that the next apply and `status` see that version as
    /// this tool left it. The caller holds the write lock.
    /// Folders made for the managed file are readable by every user, as the file is.
    static func folderMode(_ role: TargetFile.Role) -> FileMode {
        role == .managed ? 0o755 : AtomicFileWriter.folderMode
    }

    @discardableResult
    public func rollback(_ target: String, steps: Int, role: TargetFile.Role = .config) throws -> HistoryEntry {
        let replaced = try FileReader.read(target)
        let loaded = try TargetState.load(for: target, in: state)
        let before = loaded.settled(against: replaced)
        let history = History(state: state)
        // As in `write`: note the restored version's providers as pending before it is in place.
        let saved = try history.entries(for: target)
        var interim = before
        if steps >= 1, steps <= saved.count,
           let owned = before.rememberedOwnership(of: try history.contents(of: saved[steps - 1])) {
            interim.expect(owned)
            if interim != loaded { try interim.save(in: state) }
        }
        let restored: HistoryEntry
        do {
            restored = try history.rollback(target, steps: steps, mode: FileMode(role.mode))
        } catch {
            settle(interim, path: target)
            throw error
        }
        var after = before
        if let replaced { after.remember(version: replaced, ownership: before.ownership) }
        // A version saved by a provider-sync that did not remember ownership keeps the current one.
        if let bytes = try FileReader.read(target), let owned = after.rememberedOwnership(of: bytes) {
            after.record(owned)
        }
        if after != loaded { try after.save(in: state) }
        return restored
    }

    /// After a failed write: the pending values settled against what the file holds now (the
    /// rename may have happened before a later step failed). Best effort: a state that cannot
    /// be saved here is settled by the next run instead.
    private func settle(_ interim: TargetState, path: String) {
        guard !interim.pendingValueHashes.isEmpty, let bytes = try? FileReader.read(path) else { return }
        try? interim.settled(against: bytes).save(in: state)
    }
}
