internal import OpenCodeConfig
internal import Sync

/// What the drift check found in the targets.
struct DriftFindings {
    /// Owned keys edited by hand, per target.
    var records: [AgentStatus.DriftRecord]
    /// Rendering again would change a file or a key file: hand edits, or a rotated key.
    var needsWrite: Bool

    /// Write when something would change and either hand edits are to be put back or there are
    /// none (only keys rotated); `report` writes nothing while hand edits are there.
    func shouldWrite(onDrift: AgentConfig.DriftAction) -> Bool {
        needsWrite && (onDrift == .reapply || records.isEmpty)
    }
}

/// The applied revision rendered again with the keys as they are now, against the files as
/// they are now.
enum DriftStage {
    static func inspect(_ rendered: KeyedRender, transaction: ApplyTransaction,
                        revision: String) throws(ReconcileFailure) -> DriftFindings {
        let plans: [TargetPlan]
        let needsWrite: Bool
        do {
            plans = try transaction.plan(rendered.config)
            needsWrite = try transaction.wouldWrite(rendered.config, keyFileValues: rendered.keyFileValues)
        } catch {
            throw ReconcileFailure(.drift, .write(error), revision: revision)
        }
        let records = plans.compactMap { plan -> AgentStatus.DriftRecord? in
            guard !plan.state.isEmpty else { return nil }
            // The app rewriting its whole file is expected: merged back, not drift.
            let findings = drift(existing: plan.currentBytes, ownership: plan.state.ownership, absenceExpected: plan.role == .appConfig)
            return findings.isEmpty ? nil : AgentStatus.DriftRecord(target: plan.target.description, path: plan.path, findings: findings)
        }
        return DriftFindings(records: records, needsWrite: needsWrite)
    }
}
