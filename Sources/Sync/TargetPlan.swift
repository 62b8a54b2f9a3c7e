import FoundationEssentials
public import OpenCodeConfig
public import SystemIO
public import Workstation

/// What applying the spec would do to one target file, worked out before anything is written.
public struct TargetPlan: Sendable {
    public var file: TargetFile
    public var target: Target { file.target }
    public var path: String { file.path }
    public var role: TargetFile.Role { file.role }
    /// The file's bytes now (UTF-8 text); nil when there is no file.
    public var currentBytes: [UInt8]?
    /// The file's text now (made from `currentBytes` on each use); nil when there is no file.
    public var currentText: String? { currentBytes.map { String(decoding: $0, as: UTF8.self) } }
    /// The file as it was read: checked right before the rename, so that a write by another
    /// program in between (the app, OpenCode) is merged again, never lost.
    public var snapshot: FileSnapshot = .absent
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
            + "\(written ? "written" : "would be written") 0\(String(role.mode, radix: 8))"
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
        /// Spec providers with ids the desktop app uses for providers of its own.
        case appProviderClash([String])
        /// Spec providers that would put a key into the managed file, which every user reads.
        case keyInManagedFile([String])
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
        case .appProviderClash(let ids):
            "provider id\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", ")) \(ids.count == 1 ? "is" : "are") the desktop app's own: "
                + "in the app's files OpenCode would merge the spec's provider into the app's provider of that id, key by key; "
                + "rename it in the spec, or pass --adopt to merge into the app's provider on purpose; nothing was written"
        case .keyInManagedFile(let ids):
            "the managed file is read by every user of this machine, so it holds no key, but "
                + "\(ids.joined(separator: ", ")) would put \(ids.count == 1 ? "its key" : "their keys") there "
                + "(the inline or file secrets mode, or apiKey: {file: ...}, which OpenCode fails on for every user without the file); "
                + "use --secrets auth (each user's own auth.json) or apiKey: {env: VAR}; nothing was written"
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
    /// The managed file gets the whole `enabled_providers` list (`--managed-enabled-providers`);
    /// without it, a list this tool wrote there is removed.
    public var managedEnabledProviders = false
    /// Which files exist (the app's folders, `opencode.jsonc`).
    public var disk: DiskView = .system
    /// A file another program writes with a plain truncate-and-write (the app, OpenCode) may be
    /// read half written: empty or not parsing, it is read again this often, this far apart.
    public var rereads = 20
    public var rereadDelay: Duration = .milliseconds(10)

    public init(state: StateLocation, locations: Locations, options: MergeOptions) {
        self.state = state
        self.locations = locations
        self.options = options
    }

    /// The files of `target`, as `Locations` finds them.
    public func files(of target: Target) throws(TargetPlanError) -> [TargetFile] {
        do {
            return try locations.files(of: target, disk: disk)
        } catch {
            throw TargetPlanError(target: target.description, path: "?", problem: .location(error))
        }
    }

    /// The files of every target, each once (two names may lead to one file).
    public func files(of targets: [Target]) throws(TargetPlanError) -> [TargetFile] {
        var found: [TargetFile] = []
        for target in targets {
            for file in try files(of: target) where !found.contains(where: { $0.path == file.path }) { found.append(file) }
        }
        return found
    }

    public func plan(_ desired: RenderedConfig, targets: [Target]) throws -> [TargetPlan] {
        try files(of: targets).compactMap { try plan(desired, file: $0) }
    }

    /// One file's plan; nil when there is nothing to do with it: the app's file when the app
    /// has not written one, a retired file or auth.json holding nothing of this tool's.
    public func plan(_ desired: RenderedConfig, file targetFile: TargetFile) throws -> TargetPlan? {
        let file = targetFile.path
        func failure(_ problem: TargetPlanError.Problem) -> TargetPlanError {
            TargetPlanError(target: targetFile.target.description, path: file, problem: problem)
        }
        let saved: TargetState
        do {
            saved = try TargetState.load(for: file, in: state)
        } catch let error as TargetStateError {
            throw failure(.state(error))
        } catch {
            throw failure(.unreadable(error))
        }
        let role = targetFile.role
        let ownIDs = desired.providerIDs
        if role == .sidecar || role == .appConfig, !options.adopt {
            let clashes = AppProviders.clashes(with: ownIDs)
            if !clashes.isEmpty { throw failure(.appProviderClash(clashes)) }
        }
        if role == .managed {
            let keyed = Self.providersWithKeys(desired)
            if !keyed.isEmpty { throw failure(.keyInManagedFile(keyed)) }
        }
        var attempt = 0
        while true {
            attempt += 1
            let contents = try read(file, failure: failure)
            let stillWriting = role.hasOtherWriters && attempt < rereads
            // Checked, not converted: the bytes are the one copy of the file this plan keeps.
            if let bytes = contents?.bytes, !isUTF8(bytes) {
                if stillWriting { pause(); continue }
                throw failure(.notUTF8)
            }
            let blank = contents.map { $0.bytes.allSatisfy(isJSONSpace) } ?? false
            if blank && stillWriting { pause(); continue }
            let targetState = saved.settled(against: contents?.bytes)
            let result: MergeResult
            do {
                switch role {
                case .config:
                    result = try merge(existing: contents?.bytes, desired: desired.configOnly, ownership: targetState.ownership, options: options)
                case .appConfig:
                    // Never created: the app writes it (see the README); empty, it is being written.
                    guard contents != nil, !blank else { return nil }
                    result = try merge(existing: contents?.bytes, desired: desired.configOnly, ownership: targetState.ownership, options: options)
                case .sidecar:
                    var own = desired.configOnly
                    own.enabledProviders = AppProviders.superset(current: appLists(besides: file), spec: ownIDs)
                    result = try merge(existing: contents?.bytes, desired: own, ownership: targetState.ownership, options: options)
                case .managed:
                    var own = desired.configOnly
                    own.enabledProviders = managedEnabledProviders ? AppProviders.superset(current: [], spec: ownIDs) : nil
                    result = try merge(existing: contents?.bytes, desired: own, ownership: targetState.ownership, options: options)
                case .retired:
                    guard contents != nil, !targetState.isEmpty, !targetState.ownership.isEmpty else { return nil }
                    var retiring = options
                    retiring.allowEmpty = true
                    retiring.addSchema = false
                    result = try merge(existing: contents?.bytes, desired: RenderedConfig(), ownership: targetState.ownership, options: retiring)
                case .authStore:
                    guard !desired.authEntries.isEmpty || !targetState.ownership.isEmpty else { return nil }
                    result = try mergeAuth(existing: contents?.bytes, entries: desired.authEntries, ownership: targetState.ownership, options: options)
                }
            } catch {
                if case .unparseable = error, stillWriting { pause(); continue }
                throw failure(.merge(error))
            }
            let snapshot = contents.map { FileSnapshot(bytes: $0.bytes, status: $0.status) } ?? .absent
            return TargetPlan(file: targetFile, currentBytes: contents?.bytes, snapshot: snapshot, state: targetState,
                              hadPendingClaims: !saved.pendingValueHashes.isEmpty,
                              currentPermissions: contents?.status.permissions, result: result)
        }
    }

    private func read(_ file: String, failure: (TargetPlanError.Problem) -> TargetPlanError) throws -> FileContents? {
        do {
            return try FileReader.contents(file)
        } catch {
            // Not a regular file, or over the cap: a person must act; a failed read may pass.
            if case .system = error.problem { throw failure(.unreadable(error)) }
            throw failure(.refused(error))
        }
    }

    private func pause() { RunningProcess.pause(rereadDelay) }

    /// The `enabled_providers` the app's files in the sidecar's folder list now.
    private func appLists(besides sidecar: String) -> [String] {
        AppProviderLists(rereads: rereads, delay: rereadDelay).current(in: PathText.parent(of: sidecar))
    }

    /// Providers whose rendered `apiKey` is a key or a file, not an `{env:}` reference.
    static func providersWithKeys(_ desired: RenderedConfig) -> [String] {
        desired.providers.compactMap { id, value in
            guard let key = value["options"]?["apiKey"]?.stringValue else { return nil }
            return key.hasPrefix("{env:") && key.hasSuffix("}") ? nil : id
        }
    }
}

/// JSON's white space: a file of nothing else is being written, or empty.
private func isJSONSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
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
