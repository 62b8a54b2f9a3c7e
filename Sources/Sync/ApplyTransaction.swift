import FoundationEssentials
public import OpenCodeConfig
internal import SystemIO
public import Workstation

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

    /// How often a file that another program keeps writing is merged again before giving up.
    public static let attempts = 5

    /// Applies `desired`; `keyFileValues` are the key files of the `file` secrets mode.
    public func commit(_ desired: RenderedConfig, keyFileValues: [String: String], specHash: String) throws -> ApplyOutcome {
        // Before anything touches the disk: the managed folder is the system's.
        if targets.contains(where: \.isManaged), !RunningProcess.isAdministrator {
            throw ApplyError.notAdministrator(folder: planner.locations.opencodeManagedFolder())
        }
        return try WriteLock.withLock(state: state, timeout: lockTimeout) {
            // Planned under the lock: merged against the files as they are now.
            let planned = try planner.plan(desired, targets: targets)
            let written = try KeyFiles(state: state).write(keyFileValues)
            let writer = PlanWriter(state: state, toolVersion: toolVersion)
            var plans: [TargetPlan] = []
            for plan in planned {
                guard var done = try write(plan, desired: desired, specHash: specHash, with: writer) else { continue }
                if let note = done.readOnlyNote(written: true) { done.result.warnings.append(note) }
                plans.append(done)
            }
            // After the targets: a key file goes once the last file naming it no longer does.
            let removed = try KeyFiles(state: state).removeUnused()
            return ApplyOutcome(plans: plans, keyFilesWritten: written, keyFilesRemoved: removed)
        }
    }

    /// Writes one file; when another program wrote it since it was read (the rename is not
    /// done then), merges again against what is there now, up to `attempts` times. Returns the
    /// plan written; nil when the file went away meanwhile and there is nothing to do.
    private func write(_ first: TargetPlan, desired: RenderedConfig, specHash: String, with writer: PlanWriter) throws -> TargetPlan? {
        var plan = first
        for attempt in 1...Self.attempts {
            do {
                try writer.write([plan], specHash: specHash)
                if attempt > 1 {
                    plan.result.warnings.append("another program wrote the file while provider-sync merged into it; "
                        + "merged again into its version (\(attempt) tries), its write kept")
                }
                return plan
            } catch is FileChangedMeanwhile {
                if attempt == Self.attempts { break }
                RunningProcess.pause(.milliseconds(2 * attempt))
                guard let again = try planner.plan(desired, file: plan.file) else { return nil }
                plan = again
            }
        }
        throw ApplyError.keptChanging(path: plan.path, attempts: Self.attempts)
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

/// Why an apply wrote nothing (more).
public enum ApplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The managed target needs root: its folder is the system's.
    case notAdministrator(folder: String)
    /// Another program wrote the file again every time it was merged.
    case keptChanging(path: String, attempts: Int)

    public var description: String {
        switch self {
        case .notAdministrator(let folder):
            "the managed target is \(folder), the system's folder: run provider-sync as root (sudo) to write it; nothing was written"
        case .keptChanging(let path, let attempts):
            "\(path) was written by another program each of the \(attempts) times provider-sync merged into it; "
                + "its writes were kept and this one was not made: run apply again"
        }
    }
}
