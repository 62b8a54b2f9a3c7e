import Foundation
import OpenCodeConfig

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
                // First own what the new file adds, so that a crash right after the file is
                // replaced leaves a state that still knows every provider this tool wrote.
                var interim = plan.state
                interim.claim(plan.result.ownership)
                if interim != plan.state { try interim.save(in: state) }
                if let current = plan.currentText {
                    next.remember(version: Array(current.utf8), ownership: plan.state.ownership)
                }
                try history.write(Array(plan.result.text.utf8), to: plan.path, mode: 0o600)
            }
            guard plan.changesFile || next != plan.state || next.lastAppliedSpecHash != specHash else { continue }
            next.lastAppliedSpecHash = specHash
            next.appliedAt = now
            next.toolVersion = toolVersion
            try next.save(in: state)
        }
    }

    /// Puts the `steps`-th previous version of `target` back (see `History.rollback`) together
    /// with what this tool owned in it, so that the next apply and `status` see that version as
    /// this tool left it. The caller holds the write lock.
    @discardableResult
    public func rollback(_ target: String, steps: Int) throws -> HistoryEntry {
        let before = try TargetState.load(for: target, in: state)
        let replaced = try AtomicFileWriter.read(target)
        let history = History(state: state)
        // As in `write`: own the restored version's providers before it is in place.
        let saved = try history.entries(for: target)
        if steps >= 1, steps <= saved.count,
           let owned = before.rememberedOwnership(of: try history.contents(of: saved[steps - 1])) {
            var interim = before
            interim.claim(owned)
            if interim != before { try interim.save(in: state) }
        }
        let restored = try history.rollback(target, steps: steps)
        var after = before
        if let replaced { after.remember(version: replaced, ownership: before.ownership) }
        // A version saved by a provider-sync that did not remember ownership keeps the current one.
        if let bytes = try AtomicFileWriter.read(target), let owned = after.rememberedOwnership(of: bytes) {
            after.record(owned)
        }
        if after != before { try after.save(in: state) }
        return restored
    }
}
