import FoundationEssentials
import OpenCodeConfig
import SystemIO
import Workstation

/// What applying the spec would do to one target file, worked out before anything is written.
public struct TargetPlan: Sendable {
    public var file: TargetFile
    public var target: Target { file.target }
    public var path: String { file.path }
    /// The file's bytes now (UTF-8 text); nil when there is no file.
    public var currentBytes: [UInt8]?
    /// The file's text now (made from `currentBytes` on each use); nil when there is no file.
    public var currentText: String? { currentBytes.map { String(decoding: $0, as: UTF8.self) } }
    /// The saved state, its pending values settled against the file (`TargetState.settled`).
    public var state: TargetState
    /// The saved state had pending values (a write that failed or was killed): saving it again
    /// settles them for good.
    public var hadPendingClaims = false
    /// The file's permission bits now; nil when there is no file.
    public var currentPermissions: FileMode?
    public var result: MergeResult

    /// True when the file would change; the state may still need saving (first run on a
    /// file that already matched).
    public var changesFile: Bool { result.changed }

    /// A file without its owner's write bit is still replaced (the writer makes every file
    /// 0600), but never silently: "was read-only (0444); written 0600". nil otherwise.
    public func readOnlyNote(written: Bool) -> String? {
        guard changesFile, let mode = currentPermissions, mode & 0o200 == 0 else { return nil }
        let octal = String(mode, radix: 8)
        return "was read-only (\(String(repeating: "0", count: max(0, 4 - octal.count)) + octal)); "
            + "\(written ? "written" : "would be written") 0600"
    }
}

/// A target that could not be planned; the whole apply stops and writes nothing.
public struct TargetPlanError: Error, Sendable, CustomStringConvertible {
    /// Kept typed, so that a caller can tell a file a person must fix from a failed read.
    public enum Problem: Sendable {
        /// The target's path cannot be worked out (a variable unset).
        case location(LocationError)
        /// The file or its state file could not be read.
        case unreadable(any Error)
        /// The file is not one to read or replace: a device, FIFO, socket or folder, the null
        /// device, or over the size cap.
        case refused(FileAccessError)
        /// The target's state file is damaged, from a newer version, or another target's.
        case state(TargetStateError)
        case notUTF8
        /// The file cannot be merged into (not JSON, hand-made providers with the spec's ids...).
        case merge(MergeError)
    }

    public var target: String
    public var path: String
    public var problem: Problem

    public var reason: String {
        switch problem {
        case .location(let error): error.description
        case .unreadable(let error): "\(error)"
        case .refused(let error): "\(error); nothing was written"
        case .state(let error): error.description
        case .notUTF8: "the file is not UTF-8 text; nothing was written"
        case .merge(let error): error.description
        }
    }

    /// Trying again cannot help until a person changes the file, its state or the environment.
    public var needsPerson: Bool {
        if case .unreadable = problem { return false }
        return true
    }

    public var description: String { "\(target) (\(path)): \(reason)" }
}

/// Merges a rendered config into every target's file, in memory.
public struct Planner: Sendable {
    public var state: StateLocation
    /// Where the targets' files are.
    public var locations: Locations
    public var options: MergeOptions

    public init(state: StateLocation, locations: Locations, options: MergeOptions) {
        self.state = state
        self.locations = locations
        self.options = options
    }

    /// The files of `target`, as `Locations` finds them.
    public func files(of target: Target) throws(TargetPlanError) -> [TargetFile] {
        do {
            return try locations.files(of: target)
        } catch {
            throw TargetPlanError(target: target.description, path: "?", problem: .location(error))
        }
    }

    public func plan(_ desired: RenderedConfig, targets: [Target]) throws -> [TargetPlan] {
        var plans: [TargetPlan] = []
        for target in targets {
            for file in try files(of: target) where !plans.contains(where: { $0.path == file.path }) {  // two names for one file
                plans.append(try plan(desired, file: file))
            }
        }
        return plans
    }

    private func plan(_ desired: RenderedConfig, file targetFile: TargetFile) throws -> TargetPlan {
        let file = targetFile.path
        func failure(_ problem: TargetPlanError.Problem) -> TargetPlanError {
            TargetPlanError(target: targetFile.target.description, path: file, problem: problem)
        }
        let contents: FileContents?
        let saved: TargetState
        do {
            contents = try FileReader.contents(file)
        } catch {
            // Not a regular file, or over the cap: a person must act; a failed read may pass.
            if case .system = error.problem { throw failure(.unreadable(error)) }
            throw failure(.refused(error))
        }
        do {
            saved = try TargetState.load(for: file, in: state)
        } catch let error as TargetStateError {
            throw failure(.state(error))
        } catch {
            throw failure(.unreadable(error))
        }
        // Checked, not converted: the bytes are the one copy of the file this plan keeps.
        if let bytes = contents?.bytes, !isUTF8(bytes) { throw failure(.notUTF8) }
        let targetState = saved.settled(against: contents?.bytes)
        do {
            let result = try merge(existing: contents?.bytes, desired: desired, ownership: targetState.ownership, options: options)
            return TargetPlan(file: targetFile, currentBytes: contents?.bytes, state: targetState,
                              hadPendingClaims: !saved.pendingValueHashes.isEmpty,
                              currentPermissions: contents?.status.permissions, result: result)
        } catch {
            throw failure(.merge(error))
        }
    }
}

/// Whether `bytes` are valid UTF-8, without making a String of them.
func isUTF8(_ bytes: [UInt8]) -> Bool {
    var iterator = bytes.makeIterator()
    var decoder = Unicode.UTF8()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}
