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
                try history.write(Array(plan.result.text.utf8), to: plan.path, mode: 0o600)
            }
            guard plan.changesFile || next != plan.state || next.lastAppliedSpecHash != specHash else { continue }
            next.lastAppliedSpecHash = specHash
            next.appliedAt = now
            next.toolVersion = toolVersion
            try next.save(in: state)
        }
    }
}
