import JSONCore
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
    /// Notes, as pending, the values of `ownership` that differ from what is owned now: saved
    /// before a file is replaced, so that a crash right after the rename still finds every
    /// provider this tool wrote. Nothing is owned on the strength of it: `settled` keeps a
    /// pending value only where the file holds it, so a write that failed or was killed before
    /// its rename claims nothing (a later apply would otherwise delete a hand-made provider or
    /// `model` with that id or key).
    mutating func expect(_ ownership: Ownership) {
        var written = TargetState(targetPath: targetPath)
        written.record(ownership)
        pendingValueHashes = written.ownedValueHashes.filter { ownedValueHashes[$0.key] != $0.value }
    }

    /// This state with its pending values settled against the file's text: owned where the file
    /// holds exactly that value (the write went through), dropped where it does not. An id in
    /// `enabled_providers` is owned only with its provider.
    public func settled(against text: String?) -> TargetState {
        guard !pendingValueHashes.isEmpty else { return self }
        var result = self
        result.pendingValueHashes = [:]
        let root = text.flatMap { try? JSONParser.value($0, options: .jsonc) }
        var confirmed: [String: String] = [:]
        for (pointer, hash) in pendingValueHashes where !pointer.hasPrefix(Self.enabledPrefix) {
            if let value = Self.value(at: pointer, in: root), stableHash(value) == hash { confirmed[pointer] = hash }
        }
        let listed = Set(root?["enabled_providers"]?.arrayValue?.compactMap(\.stringValue).map(JSONKey.init) ?? [])
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

    /// The value at "/provider/<id>" or "/<key>" of the file's document.
    private static func value(at pointer: String, in root: JSONValue?) -> JSONValue? {
        guard let root else { return nil }
        if pointer.hasPrefix("/provider/") { return root["provider"]?[String(pointer.dropFirst("/provider/".count))] }
        return root[String(pointer.dropFirst())]
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
