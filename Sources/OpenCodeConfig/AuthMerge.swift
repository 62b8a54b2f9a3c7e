public import JSONCore
public import ProviderSpec

/// Puts the `auth` mode's keys into OpenCode's auth.json (`{"<providerId>": {"type": "api",
/// "key": "..."}}`), editing the text in place: every other entry (OpenCode's OAuth tokens,
/// keys added with `opencode auth login`) stays byte for byte. An entry this tool stored and
/// the spec no longer names is removed. `ownership.keys` holds the entries it stored, by
/// provider id, with the hash of each.
public func mergeAuth(existing: [UInt8]?, entries: JSONObject, ownership: Ownership,
                      options: MergeOptions = MergeOptions()) throws(MergeError) -> MergeResult {
    var newOwnership = Ownership()
    for (id, value) in entries { newOwnership.keys[id] = stableHash(value) }
    guard let existing, !existing.allSatisfy(isBlank) else {
        guard !entries.isEmpty else {
            return MergeResult(bytes: existing ?? [], ownership: Ownership(), changes: [], warnings: [], changed: false)
        }
        let text = JSONWriter.pretty(.object(entries)) + "\n"
        return MergeResult(bytes: Array(text.utf8), ownership: newOwnership,
                           changes: [.createdFile] + entries.keys.map(ConfigChange.storedKey), warnings: [], changed: true)
    }
    let outline: JSONOutline
    do {
        outline = try JSONOutline.read(existing, options: .jsonc)
    } catch {
        throw .unparseable(error)
    }
    guard let root = outline.root, !root.isArray else {
        throw .topLevelNotObject(found: outline.value(at: outline.rootRange).typeName)
    }
    let location = ContainerLocation(root, in: outline)
    let positions = JSONOutline.Container.positions(of: root.members)
    let conflicts = entries.keys.filter { positions[JSONKey($0)] != nil && ownership.keys[$0] == nil }
    if !conflicts.isEmpty && !options.adopt { throw .authConflict(providerIDs: conflicts) }

    var plan = ContainerPlan()
    var changes: [ConfigChange] = []
    for (id, value) in entries {
        guard let found = positions[JSONKey(id)] else {
            plan.appending.append((id, value))
            changes.append(.storedKey(id))
            continue
        }
        if found.count > 1 { throw .duplicateKey(id, at: found.map { outline.position(ofOffset: root.members[$0].start) }) }
        if outline.value(of: root.members[found[0]]) != value {
            plan.replacing[found[0]] = value
            changes.append(.storedKey(id))
        }
    }
    var removed = Set<JSONKey>()
    for id in ownership.keys.keys.sorted() where entries[id] == nil {
        guard let found = positions[JSONKey(id)] else { continue }
        plan.removing.formUnion(found)
        removed.insert(JSONKey(id))
        changes.append(.removedStoredKey(id))
    }
    var editor = TextEditor(bytes: existing, root: location)
    editor.apply(plan, to: location)
    guard let newBytes = editor.result() else { throw .internalInconsistency("two edits overlap") }
    try verifyAuth(newBytes, before: outline, entries: entries, removed: removed)
    return MergeResult(bytes: newBytes, ownership: newOwnership, changes: changes, warnings: [], changed: newBytes != existing)
}

/// The edited auth.json holds each entry once with its value, none of the removed ones, and
/// every other entry byte for byte.
private func verifyAuth(_ newBytes: [UInt8], before: JSONOutline, entries: JSONObject, removed: Set<JSONKey>) throws(MergeError) {
    guard let result = try? JSONOutline.read(newBytes, options: .jsonc, positions: false),
          let root = result.root, !root.isArray, let oldRoot = before.root else {
        throw .internalInconsistency("auth.json does not read back as an object")
    }
    let ours = Set(entries.keys.map(JSONKey.init)).union(removed)
    guard sameUntouched(oldRoot.members, before, root.members, result, except: ours) else {
        throw .internalInconsistency("an auth.json entry this merge does not own changed")
    }
    let positions = JSONOutline.Container.positions(of: root.members)
    for (id, value) in entries {
        guard let found = positions[JSONKey(id)], found.count == 1, result.value(of: root.members[found[0]]) == value else {
            throw .internalInconsistency("auth.json does not hold the key of \(id)")
        }
    }
    for id in removed where positions[id] != nil {
        throw .internalInconsistency("the key of \(id) was not removed from auth.json")
    }
}

/// The auth.json entries of the `auth` mode: for each provider whose key is in the keychain,
/// `{"type": "api", "key": <the value>}` (OpenCode's `Auth.Api` shape, v1.15.12
/// `packages/opencode/src/auth/index.ts`).
public func authEntries(_ spec: Spec, keys: [String: String]) -> JSONObject {
    var entries = JSONObject()
    for provider in spec.providers {
        guard case .keyring(let name)? = provider.apiKey, let key = keys[name] else { continue }
        entries.append(provider.id, ["type": "api", "key": .string(key)])
    }
    return entries
}
