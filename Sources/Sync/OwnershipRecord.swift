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
