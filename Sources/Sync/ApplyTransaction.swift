import FoundationEssentials
import OpenCodeConfig
import SystemIO
import Workstation

/// What one apply wrote.
public struct ApplyOutcome: Sendable {
    /// Every target as planned under the lock; `changesFile` tells which were written.
    public var plans: [TargetPlan]
    /// Key files written (the `file` secrets mode), by secret name: new or rotated keys.
    public var keyFilesWritten: [String]
    /// Key files deleted because no target names them any more.
    public var keyFilesRemoved: [String] = []

    public var changedFiles: Bool { plans.contains(where: \.changesFile) }
}

/// The writing half of an apply, shared by `apply` and the agent: under the write lock, plan
/// against the files as they are now, write the key files, then every changed target and its
/// state. A failure before the first write writes nothing; the writes themselves are atomic.
public struct ApplyTransaction: Sendable {
    public var state: StateLocation
    public var planner: Planner
    public var targets: [Target]
    public var toolVersion: String
    public var lockTimeout: Duration

    public init(state: StateLocation, planner: Planner, targets: [Target], toolVersion: String,
                lockTimeout: Duration = WriteLock.defaultTimeout) {
        self.state = state
        self.planner = planner
        self.targets = targets
        self.toolVersion = toolVersion
        self.lockTimeout = lockTimeout
    }

    /// What `commit` would do, without the lock and without writing (dry run, drift check).
    public func plan(_ desired: RenderedConfig) throws -> [TargetPlan] {
        try planner.plan(desired, targets: targets)
    }

    /// Applies `desired`; `keyFileValues` are the key files of the `file` secrets mode.
    public func commit(_ desired: RenderedConfig, keyFileValues: [String: String], specHash: String) throws -> ApplyOutcome {
        try WriteLock.withLock(state: state, timeout: lockTimeout) {
            // Planned under the lock: merged against the files as they are now.
            var plans = try planner.plan(desired, targets: targets)
            let written = try KeyFiles(state: state).write(keyFileValues)
            try PlanWriter(state: state, toolVersion: toolVersion).write(plans, specHash: specHash)
            for i in plans.indices {
                if let note = plans[i].readOnlyNote(written: true) { plans[i].result.warnings.append(note) }
            }
            // After the targets: a key file goes once the last file naming it no longer does.
            let removed = try KeyFiles(state: state).removeUnused()
            return ApplyOutcome(plans: plans, keyFilesWritten: written, keyFilesRemoved: removed)
        }
    }

    /// Would `commit` write anything: a target that changes, or a key file whose content differs.
    public func wouldWrite(_ desired: RenderedConfig, keyFileValues: [String: String]) throws -> Bool {
        if try plan(desired).contains(where: \.changesFile) { return true }
        let keyFiles = KeyFiles(state: state)
        for (name, value) in keyFileValues where try FileReader.read(keyFiles.path(for: name), limit: KeyFiles.maximumSize) != Array(value.utf8) {
            return true
        }
        return false
    }
}
