internal import JSONCore
public import OpenCodeConfig

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
    /// Notes, as pending, what `ownership` adds to what is owned now (new providers, keys, ids
    /// in `enabled_providers`): saved before a file is replaced, so that a crash right after the
    /// rename still finds every provider this tool wrote. Nothing is owned on the strength of
    /// it: `settled` keeps a pending value only where the file holds it, so a write that failed
    /// or was killed before its rename claims nothing (a later apply would otherwise delete a
    /// hand-made provider or `model` with that id or key). A value owned already keeps its
    /// recorded hash until the write is through, as before.
    mutating func expect(_ ownership: Ownership) {
        var written = TargetState(targetPath: targetPath)
        written.record(ownership)
        pendingValueHashes = written.ownedValueHashes.filter { ownedValueHashes[$0.key] == nil }
    }

    /// This state with its pending values settled against the file's text: owned where the file
    /// holds exactly that value (the write went through), dropped where it does not. An id in
    /// `enabled_providers` is owned only with its provider.
    public func settled(against bytes: [UInt8]?) -> TargetState {
        guard !pendingValueHashes.isEmpty else { return self }
        var result = self
        result.pendingValueHashes = [:]
        let outline = bytes.flatMap { try? JSONOutline.read($0, options: .jsonc, expanding: ["provider"]) }
        var confirmed: [String: String] = [:]
        for (pointer, hash) in pendingValueHashes where !pointer.hasPrefix(Self.enabledPrefix) {
            if let value = Self.value(at: pointer, in: outline), stableHash(value) == hash { confirmed[pointer] = hash }
        }
        let listed = Set(outline?.topLevelValue("enabled_providers")?.arrayValue?.compactMap(\.stringValue).map(JSONKey.init) ?? [])
        for pointer in pendingValueHashes.keys where pointer.hasPrefix(Self.enabledPrefix) {
            let id = String(pointer.dropFirst(Self.enabledPrefix.count))
            let provider = "/provider/" + id
            if listed.contains(JSONKey(id)), confirmed[provider] != nil || ownedValueHashes[provider] != nil {
                confirmed[pointer] = ""
            }
        }
        guard !confirmed.isEmpty else { return result }
        var hashes = ownedValueHashes
        hashes.merge(confirmed) { _, new in new }
        result.record(TargetState(targetPath: targetPath, ownedValueHashes: hashes).ownership)
        return result
    }

    /// The value at "/provider/<id>" or "/<key>" of the file's document, built alone.
    private static func value(at pointer: String, in outline: JSONOutline?) -> JSONValue? {
        guard let outline, let root = outline.root, !root.isArray else { return nil }
        guard pointer.hasPrefix("/provider/") else { return outline.topLevelValue(String(pointer.dropFirst())) }
        let id = String(pointer.dropFirst("/provider/".count))
        guard let index = root.members.lastIndex(where: { $0.key?.hasSameCodePoints(as: "provider") == true }),
              let providers = outline.expanded[index], !providers.isArray,
              let member = providers.members(named: id).last else { return nil }
        return outline.value(of: member)
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
        var version = previousVersions.last { $0.contentHash == hash }
        if version == nil, previousVersions.contains(where: { $0.contentHash.hasPrefix(Self.legacyPrefix) }) {
            let legacy = Self.legacyContentHash(bytes)
            version = previousVersions.last { $0.contentHash == legacy }
        }
        guard let version else { return nil }
        return TargetState(targetPath: targetPath, ownedValueHashes: version.ownedValueHashes).ownership
    }

    /// FNV-1a 64 of the version's bytes, read in place: the hash of the text as a JSON string
    /// (`legacyContentHash`) made two more copies of a file that may be 32 MiB.
    static func contentHash(_ bytes: [UInt8]) -> String {
        "bytes-fnv1a64:" + FNV1a64.hex(bytes)
    }

    /// How versions remembered by earlier provider-sync versions were hashed.
    static let legacyPrefix = "fnv1a64:"

    static func legacyContentHash(_ bytes: [UInt8]) -> String {
        stableHash(.string(String(decoding: bytes, as: UTF8.self)))
    }
}
