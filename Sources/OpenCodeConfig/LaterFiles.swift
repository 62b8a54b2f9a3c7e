internal import JSONCore

/// What a file OpenCode loads after this one does to the values this tool owns here: OpenCode
/// deep-merges its layers (a later `provider.<id>` wins key by key, a later `model` or
/// `enabled_providers` replaces the earlier one), so a later file can undo what was written.
/// Phrases for `status`, one per finding; empty when the later file touches nothing of ours.
public func overrides(inLaterFile bytes: [UInt8], ownership: Ownership) -> [String] {
    guard let outline = try? JSONOutline.read(bytes, options: .jsonc, expanding: ["provider"]),
          let root = outline.root, !root.isArray else { return [] }
    var found: [String] = []
    let providerIndex = root.members.lastIndex { $0.key?.hasSameCodePoints(as: "provider") == true }
    let providers = providerIndex.flatMap { outline.expanded[$0] }.flatMap { $0.isArray ? nil : $0 }
    for id in ownership.providers.keys.sorted() where !(providers?.members(named: id).isEmpty ?? true) {
        found.append("sets provider \(id) too, and its values win")
    }
    for key in ownership.keys.keys.sorted() where outline.topLevelValue(key) != nil {
        found.append("sets \(key) too, and its value wins")
    }
    if case .array(let list)? = outline.topLevelValue("enabled_providers") {
        let listed = Set(list.compactMap(\.stringValue).map(JSONKey.init))
        let missing = ownership.providers.keys.sorted().filter { !listed.contains(JSONKey($0)) }
        if !missing.isEmpty {
            found.append("sets enabled_providers without \(missing.joined(separator: ", ")), so OpenCode does not load \(missing.count == 1 ? "it" : "them")")
        }
    }
    return found
}
