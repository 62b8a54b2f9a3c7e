import FoundationEssentials
internal import SystemIO
public import Workstation

public enum TargetStateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not valid state JSON. Deleting it is safe: provider-sync then owns nothing
    /// in the target until the next apply records it again.
    case corrupt(file: String, reason: String)
    /// Written by a newer provider-sync whose format this one does not know.
    case unsupportedFormat(file: String, format: Int)
    /// The file records a different target (edited by hand, or copied).
    case otherTarget(file: String, recorded: String, expected: String)

    public var description: String {
        switch self {
        case .corrupt(let file, let reason):
            "the state file \(file) is damaged (\(reason)); delete it and run apply again"
        case .unsupportedFormat(let file, let format):
            "the state file \(file) has format \(format), which this provider-sync does not know (it knows \(TargetState.currentFormat)); upgrade provider-sync or delete the file"
        case .otherTarget(let file, let recorded, let expected):
            "the state file \(file) belongs to \(recorded), not \(expected); delete it and run apply again"
        }
    }
}

/// What provider-sync last did to one target file: which parts of it are ours, so a merge
/// touches only those and notices when someone else changed them.
/// Stored as `<state>/targets/<target key>.json`, 0600, written atomically.
public struct TargetState: Codable, Equatable, Sendable {
    public static let currentFormat = 1

    public var format: Int
    /// The target's path (normalized: absolute, no "//" or "/./").
    public var targetPath: String
    /// Provider ids under "provider" that this tool wrote.
    public var ownedProviderIDs: Set<String>
    /// Top-level keys (e.g. "model") that this tool wrote.
    public var ownedTopLevelKeys: Set<String>
    /// A hash per owned value as last written, keyed as the caller likes (e.g. JSON pointer).
    public var ownedValueHashes: [String: String]
    public var lastAppliedSpecHash: String?
    public var appliedAt: Date?
    public var toolVersion: String?
    /// What was owned in the versions of the file kept in the history, oldest first, so that a
    /// rollback puts back the ownership of the version it restores (see `remember`).
    public var previousVersions: [RememberedVersion] = []
    /// Values a write was about to put into the file, saved before the file is replaced (see
    /// `expect`). Not owned yet: each counts only once the file is seen to hold it (`settled`).
    public var pendingValueHashes: [String: String] = [:]

    public init(targetPath: String, ownedProviderIDs: Set<String> = [], ownedTopLevelKeys: Set<String> = [],
                ownedValueHashes: [String: String] = [:], lastAppliedSpecHash: String? = nil,
                appliedAt: Date? = nil, toolVersion: String? = nil) {
        self.format = Self.currentFormat
        self.targetPath = PathText.normalized(targetPath)
        self.ownedProviderIDs = ownedProviderIDs
        self.ownedTopLevelKeys = ownedTopLevelKeys
        self.ownedValueHashes = ownedValueHashes
        self.lastAppliedSpecHash = lastAppliedSpecHash
        self.appliedAt = appliedAt
        self.toolVersion = toolVersion
    }

    /// Nothing owned yet: the state of a target provider-sync never wrote.
    public var isEmpty: Bool {
        ownedProviderIDs.isEmpty && ownedTopLevelKeys.isEmpty && ownedValueHashes.isEmpty && lastAppliedSpecHash == nil
    }

    public static func file(for targetPath: String, in state: StateLocation) -> String {
        state.appending("targets", TargetKey(targetPath: targetPath).value + ".json")
    }

    /// The saved state of `targetPath`, or an empty one when none was saved.
    public static func load(for targetPath: String, in state: StateLocation) throws -> TargetState {
        let file = file(for: targetPath, in: state)
        guard let bytes = try FileReader.read(file) else { return TargetState(targetPath: targetPath) }
        var loaded = try decode(bytes, file: file)
        let expected = PathText.normalized(targetPath)
        guard PathText.normalized(loaded.targetPath) == expected else {
            throw TargetStateError.otherTarget(file: file, recorded: loaded.targetPath, expected: expected)
        }
        loaded.targetPath = expected
        return loaded
    }

    /// A state file's bytes as a state; `file` names it in errors.
    static func decode(_ bytes: [UInt8], file: String) throws -> TargetState {
        do {
            return try decoder().decode(TargetState.self, from: Data(bytes))
        } catch let error as TargetStateError {
            throw error.in(file: file)
        } catch {
            throw TargetStateError.corrupt(file: file, reason: Self.reason(error))
        }
    }

    public func save(in state: StateLocation) throws {
        var bytes = [UInt8](try Self.encoder().encode(self))
        bytes.append(UInt8(ascii: "\n"))
        try AtomicFileWriter.write(bytes, to: Self.file(for: targetPath, in: state), mode: 0o600)
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case format, targetPath, ownedProviderIDs, ownedTopLevelKeys, ownedValueHashes
        case lastAppliedSpecHash, appliedAt, toolVersion, previousVersions, pendingValueHashes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(Int.self, forKey: .format)
        guard format <= Self.currentFormat else { throw TargetStateError.unsupportedFormat(file: "", format: format) }
        targetPath = try container.decode(String.self, forKey: .targetPath)
        // Lists missing from a hand-trimmed file mean "nothing owned", not damage.
        ownedProviderIDs = Set(try container.decodeIfPresent([String].self, forKey: .ownedProviderIDs) ?? [])
        ownedTopLevelKeys = Set(try container.decodeIfPresent([String].self, forKey: .ownedTopLevelKeys) ?? [])
        ownedValueHashes = try container.decodeIfPresent([String: String].self, forKey: .ownedValueHashes) ?? [:]
        lastAppliedSpecHash = try container.decodeIfPresent(String.self, forKey: .lastAppliedSpecHash)
        appliedAt = try container.decodeIfPresent(Date.self, forKey: .appliedAt)
        toolVersion = try container.decodeIfPresent(String.self, forKey: .toolVersion)
        previousVersions = try container.decodeIfPresent([RememberedVersion].self, forKey: .previousVersions) ?? []
        pendingValueHashes = try container.decodeIfPresent([String: String].self, forKey: .pendingValueHashes) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(targetPath, forKey: .targetPath)
        // Sorted so that saving the same state twice gives the same bytes.
        try container.encode(ownedProviderIDs.sorted(), forKey: .ownedProviderIDs)
        try container.encode(ownedTopLevelKeys.sorted(), forKey: .ownedTopLevelKeys)
        try container.encode(ownedValueHashes, forKey: .ownedValueHashes)
        try container.encodeIfPresent(lastAppliedSpecHash, forKey: .lastAppliedSpecHash)
        try container.encodeIfPresent(appliedAt, forKey: .appliedAt)
        try container.encodeIfPresent(toolVersion, forKey: .toolVersion)
        if !previousVersions.isEmpty { try container.encode(previousVersions, forKey: .previousVersions) }
        if !pendingValueHashes.isEmpty { try container.encode(pendingValueHashes, forKey: .pendingValueHashes) }
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// A short reason naming the field, instead of Foundation's long debug text.
    private static func reason(_ error: any Error) -> String {
        func field(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : "\"" + path.map(\.stringValue).joined(separator: ".") + "\""
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "\(field(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "\(field(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context)?:
            return context.codingPath.isEmpty ? "not valid JSON" : "\(field(context.codingPath)) is invalid"
        default:
            return String(describing: error)
        }
    }
}

/// The ownership of one earlier version of a target file, found again by the version's bytes.
public struct RememberedVersion: Codable, Equatable, Sendable {
    /// `stableHash` of the version's text.
    public var contentHash: String
    /// `ownedValueHashes` as they were while that version was the file.
    public var ownedValueHashes: [String: String]

    public init(contentHash: String, ownedValueHashes: [String: String]) {
        self.contentHash = contentHash
        self.ownedValueHashes = ownedValueHashes
    }
}

extension TargetStateError {
    /// The decoder does not know the file name; fill it in.
    fileprivate func `in`(file: String) -> TargetStateError {
        switch self {
        case .unsupportedFormat(_, let format): .unsupportedFormat(file: file, format: format)
        default: self
        }
    }
}
