public import JSONCore

public struct MergeOptions: Sendable, Equatable {
    /// Take over providers the user made by hand that have the id of a spec provider (`--adopt`).
    public var adopt: Bool
    /// Let a spec with no providers remove every provider this tool wrote (`--allow-empty`).
    public var allowEmpty: Bool
    /// Add `$schema` to a file without one (for editor completion); not to a file this tool
    /// only takes its own values out of.
    public var addSchema: Bool

    public init(adopt: Bool = false, allowEmpty: Bool = false, addSchema: Bool = true) {
        self.adopt = adopt
        self.allowEmpty = allowEmpty
        self.addSchema = addSchema
    }
}

public struct MergeResult: Sendable, Equatable {
    /// The new file's bytes; equal to the old ones when nothing changed.
    public var bytes: [UInt8]
    /// The new file text (made from `bytes` on each use).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// What to remember for the next merge into this file.
    public var ownership: Ownership
    /// What changed, for people.
    public var changes: [ConfigChange]
    /// Things that will not work as the spec intends, for people.
    public var warnings: [String]
    /// False when `text` is byte for byte the existing text: the caller writes nothing.
    public var changed: Bool
}

/// One edit a merge makes, as reported to the user.
public enum ConfigChange: Sendable, Equatable, CustomStringConvertible {
    case createdFile
    case addedProvider(String)
    case updatedProvider(String)
    /// A hand-made provider taken over with `--adopt`.
    case adoptedProvider(String)
    case removedProvider(String)
    /// `model` or `small_model` set; `previous` is the value it replaced, if any.
    case setKey(String, value: String, previous: String?)
    case removedKey(String)
    case addedSchema
    case enabledProvider(String)
    case unlistedProvider(String)
    /// The whole `enabled_providers` list set (this many ids).
    case listedProviders(Int)
    /// auth.json: the key of this provider stored, or removed.
    case storedKey(String)
    case removedStoredKey(String)

    public var description: String {
        switch self {
        case .createdFile: "created the file"
        case .addedProvider(let id): "added provider \(id)"
        case .updatedProvider(let id): "updated provider \(id)"
        case .adoptedProvider(let id): "adopted provider \(id) (it was made by hand)"
        case .removedProvider(let id): "removed provider \(id)"
        case .setKey(let key, let value, nil): "set \(key) to \(value)"
        case .setKey(let key, let value, let previous?): "set \(key) to \(value) (was \(previous))"
        case .removedKey(let key): "removed \(key)"
        case .addedSchema: "added $schema"
        case .enabledProvider(let id): "added \(id) to enabled_providers"
        case .unlistedProvider(let id): "removed \(id) from enabled_providers"
        case .listedProviders(let count): "set enabled_providers (\(count) providers)"
        case .storedKey(let id): "stored the key of \(id)"
        case .removedStoredKey(let id): "removed the key of \(id)"
        }
    }
}

/// Why a merge wrote nothing.
public enum MergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The existing file is neither JSON nor JSONC.
    case unparseable(JSONParseError)
    /// The existing file's top level is an array, string...
    case topLevelNotObject(found: String)
    /// A key this tool edits (`provider`, `enabled_providers`...) holds the wrong type.
    case wrongType(key: String, expected: String, found: String, at: SourcePosition)
    /// A key this tool edits is written twice; which one counts is unclear to a reader.
    case duplicateKey(String, at: [SourcePosition])
    /// Providers made by hand with the ids of spec providers.
    case conflict(providerIDs: [String])
    /// auth.json holds keys for these providers that this tool did not store.
    case authConflict(providerIDs: [String])
    /// The spec has no providers, which would remove these ones this tool wrote.
    case emptySpec(wouldRemove: [String])
    /// A bug: the edited text does not read back as the intended document.
    case internalInconsistency(String)

    public var description: String {
        switch self {
        case .unparseable(let error):
            "\(error.position): the file is not valid JSON or JSONC: \(error.message); fix it or move it away, nothing was written"
        case .topLevelNotObject(let found):
            "the file holds a JSON \(found), not an object; opencode.json must be an object, nothing was written"
        case .wrongType(let key, let expected, let found, let at):
            "\(at): \"\(key)\" is a JSON \(found), but OpenCode expects an \(expected); fix it by hand, nothing was written"
        case .duplicateKey(let key, let at):
            "\(at.map(\.description).joined(separator: ", ")): \"\(key)\" is written \(at.count) times; "
                + "keep one, nothing was written"
        case .conflict(let ids):
            "provider\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", ")) already exist\(ids.count == 1 ? "s" : "") in the file "
                + "but \(ids.count == 1 ? "was" : "were") not written by provider-sync; rename the spec's provider, "
                + "remove the hand-made one, or pass --adopt to let provider-sync manage it"
        case .authConflict(let ids):
            "OpenCode's auth.json already holds a key for \(ids.joined(separator: ", ")) that provider-sync did not store "
                + "(opencode auth login, /connect); remove it with `opencode auth logout`, or pass --adopt to let provider-sync manage it"
        case .emptySpec(let ids):
            "the spec has no providers, so applying it would remove \(ids.joined(separator: ", ")); "
                + "pass --allow-empty if that is what you want"
        case .internalInconsistency(let detail):
            "internal error: the merged file would not read back as intended (\(detail)); nothing was written, please report this"
        }
    }
}
