import FoundationEssentials
public import SystemIO
public import Workstation

/// One saved previous version of a target.
public struct HistoryEntry: Sendable, Equatable {
    /// Increases by one for every version saved for a target; orders entries even when
    /// several are saved within the same second or the clock moves backwards.
    public let sequence: Int
    /// When the version was saved (whole seconds, from the file name).
    public let savedAt: Date
    /// The file holding the bytes.
    public let path: String
    public let size: Int
}

public enum HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSteps(Int)
    case notEnoughVersions(target: String, requested: Int, available: Int)

    public var description: String {
        switch self {
        case .invalidSteps(let steps):
            "cannot roll back \(steps) steps: the number of steps must be 1 or more"
        case .notEnoughVersions(let target, let requested, let available):
            "cannot roll \(target) back \(requested) step\(requested == 1 ? "" : "s"): only \(available) previous version\(available == 1 ? " is" : "s are") kept"
        }
    }
}

/// The last few versions of each target, so a bad apply can be undone.
///
/// Before a target is replaced its current bytes go to `<state>/history/<target key>/` as
/// `<UTC time>-<sequence>-<file name>` (0600, written atomically). A rollback moves a saved
/// version back into place and saves the version it replaces, so a rollback can itself be
/// rolled back. Callers hold the `WriteLock` around every mutating call.
public struct History: Sendable {
    public static let defaultLimit = 5

    public let state: StateLocation
    /// How many versions are kept per target; older ones are deleted.
    public let limit: Int

    public init(state: StateLocation, limit: Int = History.defaultLimit) {
        self.state = state
        self.limit = max(1, limit)
    }

    public func folder(for target: String) -> String {
        state.appending("history", TargetKey(targetPath: target).value)
    }

    /// Saved versions of `target`, newest first.
    public func entries(for target: String) throws -> [HistoryEntry] {
        let folder = folder(for: target)
        return try FileSystem.listFolder(folder)
            .compactMap { name in HistoryFileName.parse(name).map { (name, $0) } }
            .map { name, parsed in
                let path = PathText.join(folder, name)
                return HistoryEntry(sequence: parsed.sequence, savedAt: parsed.savedAt, path: path, size: try FileSystem.size(of: path))
            }
            .sorted { $0.sequence > $1.sequence }
    }

    public func contents(of entry: HistoryEntry) throws -> [UInt8] {
        try FileReader.readExisting(entry.path)
    }

    /// Saves the current version of `target` (nil when it does not exist). If the newest saved
    /// version already has the same bytes, that entry is returned and nothing is added.
    @discardableResult
    public func saveCurrentVersion(of target: String) throws -> HistoryEntry? {
        guard let current = try FileReader.read(target) else { return nil }
        let entry = try save(current, of: target).entry
        try prune(target)
        return entry
    }

    /// Writes `bytes` to `target` atomically after saving the version it replaces.
    /// Rewriting identical bytes adds nothing to the history. `replacing`: the file's bytes
    /// when the caller read them under the write lock (not read again); by default it is read.
    /// `folderMode` and `unchangedSince`: as `AtomicFileWriter.write`.
    public func write(_ bytes: [UInt8], to target: String, replacing: [UInt8]?? = .none, mode: FileMode = 0o600,
                      folderMode: FileMode = AtomicFileWriter.folderMode, unchangedSince: FileSnapshot? = nil) throws {
        let current = try replacing ?? FileReader.read(target)
        var saved = false
        if let current, current != bytes {
            // The saved version's file is flushed; its folder only after the target is
            // replaced, so that one disk flush fewer stands between reading the target and
            // replacing it (the app's file is read again by its owner within milliseconds).
            saved = try save(current, of: target, flushFolder: false).isNew
            try prune(target)
        }
        try AtomicFileWriter.write(bytes, to: target, mode: mode, folderMode: folderMode, unchangedSince: unchangedSince)
        if saved { try FileSystem.flushFolder(folder(for: target)) }
    }

    /// Puts the `steps`-th previous version back (1 = the newest saved) and returns it.
    /// The restored entry leaves the history and the replaced version enters it, so
    /// `rollback(steps: 1)` right after a rollback undoes it.
    @discardableResult
    public func rollback(_ target: String, steps: Int = 1, mode: FileMode = 0o600) throws -> HistoryEntry {
        guard steps >= 1 else { throw HistoryError.invalidSteps(steps) }
        let saved = try entries(for: target)
        guard steps <= saved.count else {
            throw HistoryError.notEnoughVersions(target: target, requested: steps, available: saved.count)
        }
        let chosen = saved[steps - 1]
        let restored = try contents(of: chosen)
        // Not pruned yet: pruning now could delete `chosen` before it is back in place.
        var replaced: (entry: HistoryEntry, isNew: Bool)?
        if let current = try FileReader.read(target), current != restored {
            replaced = try save(current, of: target)
        }
        do {
            try AtomicFileWriter.write(restored, to: target, mode: mode)
        } catch {
            if let replaced, replaced.isNew { try? FileSystem.removeFile(replaced.entry.path) }
            throw error
        }
        try FileSystem.removeFile(chosen.path)
        try prune(target)
        return chosen
    }

    @discardableResult
    private func save(_ bytes: [UInt8], of target: String, flushFolder: Bool = true) throws -> (entry: HistoryEntry, isNew: Bool) {
        let existing = try entries(for: target)
        // Sizes first: a version of another size is not read back (it may be 32 MiB).
        if let newest = existing.first, newest.size == bytes.count, try contents(of: newest) == bytes { return (newest, false) }
        let sequence = (existing.first?.sequence ?? 0) + 1
        let now = Date()
        let name = HistoryFileName.make(savedAt: now, sequence: sequence, target: target)
        let path = PathText.join(folder(for: target), name)
        // Every entry has a name of its own: no later write of it would remove what a killed one left.
        TemporaryFileName.removeStale(in: folder(for: target))
        // Atomic too: a half-written history file restored later would be a corrupt config.
        try AtomicFileWriter.write(bytes, to: path, mode: 0o600, flushFolder: flushFolder)
        let parsedDate = HistoryFileName.parse(name)?.savedAt ?? now
        return (HistoryEntry(sequence: sequence, savedAt: parsedDate, path: path, size: bytes.count), true)
    }

    private func prune(_ target: String) throws {
        for entry in try entries(for: target).dropFirst(limit) {
            try FileSystem.removeFile(entry.path)
        }
    }
}

/// "20260115T093012Z-00000007-opencode.json": sorts by time, then by sequence within a second,
/// and keeps the original name so the file opens with the right syntax in an editor.
enum HistoryFileName {
    private static let timeStyle = Date.ISO8601FormatStyle(
        dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted,
        timeZone: .gmt)

    static func make(savedAt: Date, sequence: Int, target: String) -> String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        let original = String(PathText.lastComponent(of: target).prefix(100))
        return "\(savedAt.formatted(timeStyle))-\(padded)-\(original)"
    }

    /// nil for names that are not history entries (e.g. a writer's temporary file).
    static func parse(_ name: String) -> (savedAt: Date, sequence: Int)? {
        let parts = name.split(separator: "-", maxSplits: 2)
        guard parts.count == 3, parts[1].count >= 8, parts[1].allSatisfy(\.isASCII),
              let sequence = Int(parts[1]),
              let savedAt = try? Date(String(parts[0]), strategy: timeStyle)
        else { return nil }
        return (savedAt, sequence)
    }
}
