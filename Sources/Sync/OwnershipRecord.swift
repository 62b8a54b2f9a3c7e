import OpenCodeConfig

/// Keeps the merge's `Ownership` in a target's state file. Hashes are keyed by JSON pointer
/// ("/provider/<id>", "/model"); ids this tool added to `enabled_providers` are recorded as
/// "/enabled_providers/<id>" with no hash.
extension TargetState {
    static let enabledPrefix = "/enabled_providers/"

    public var ownership: Ownership {
        var o = Ownership()
        for (pointer, hash) in ownedValueHashes {
            if pointer.hasPrefix("/provider/") {
                o.providers[String(pointer.dropFirst("/provider/".count))] = hash
            } else if pointer.hasPrefix(Self.enabledPrefix) {
                o.enabledProviders.append(String(pointer.dropFirst(Self.enabledPrefix.count)))
            } else if pointer.hasPrefix("/") {
                o.keys[String(pointer.dropFirst())] = hash
            }
        }
        o.enabledProviders.sort()
        return o
    }

    public mutating func record(_ ownership: Ownership) {
        ownedProviderIDs = Set(ownership.providers.keys)
        ownedTopLevelKeys = Set(ownership.keys.keys)
        var hashes: [String: String] = [:]
        for (id, hash) in ownership.providers { hashes["/provider/" + id] = hash }
        for (key, hash) in ownership.keys { hashes["/" + key] = hash }
        for id in ownership.enabledProviders { hashes[Self.enabledPrefix + id] = "" }
        ownedValueHashes = hashes
    }
}

extension TargetState {
    /// Also owns what `ownership` owns, keeping the hashes already recorded. Saved before a file
    /// is replaced: a crash between the new file and its state then never leaves providers in the
    /// file that the state calls hand-made (the next apply would keep them, or refuse with a conflict).
    mutating func claim(_ ownership: Ownership) {
        var added = TargetState(targetPath: targetPath)
        added.record(ownership)
        ownedProviderIDs.formUnion(added.ownedProviderIDs)
        ownedTopLevelKeys.formUnion(added.ownedTopLevelKeys)
        ownedValueHashes.merge(added.ownedValueHashes) { recorded, _ in recorded }
    }

    /// Notes what was owned in `bytes`, a version of the file that goes into the history. As many
    /// versions are remembered as the history keeps.
    mutating func remember(version bytes: [UInt8], ownership: Ownership) {
        let hash = Self.contentHash(bytes)
        var recorded = TargetState(targetPath: targetPath)
        recorded.record(ownership)
        previousVersions.removeAll { $0.contentHash == hash }
        previousVersions.append(RememberedVersion(contentHash: hash, ownedValueHashes: recorded.ownedValueHashes))
        previousVersions.removeFirst(max(0, previousVersions.count - History.defaultLimit))
    }

    /// What was owned in `bytes` when that version went into the history; nil when not noted.
    func rememberedOwnership(of bytes: [UInt8]) -> Ownership? {
        let hash = Self.contentHash(bytes)
        guard let version = previousVersions.last(where: { $0.contentHash == hash }) else { return nil }
        return TargetState(targetPath: targetPath, ownedValueHashes: version.ownedValueHashes).ownership
    }

    static func contentHash(_ bytes: [UInt8]) -> String {
        stableHash(.string(String(decoding: bytes, as: UTF8.self)))
    }
}
