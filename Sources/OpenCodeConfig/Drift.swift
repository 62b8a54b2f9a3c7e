internal import JSONCore

/// What changed by hand in the file since this tool wrote it: owned providers and keys whose
/// value no longer has the hash recorded in `ownership`, or that are gone. Empty when the file
/// is as written. For `status` and the agent, which report drift before overwriting it.
/// Only the owned values are built (see `JSONOutline`), so a large file costs little memory.
/// `absenceExpected`: the file's owner rewrites it whole (the app's file), so owned values that
/// are gone are not drift (they are merged back), nor is a `model` the owner wrote; a provider
/// that is there but differs still is.
public func drift(existing: [UInt8]?, ownership: Ownership, absenceExpected: Bool = false) -> [String] {
    guard let existing, !existing.allSatisfy(isBlank) else {
        return ownership.isEmpty || absenceExpected ? [] : ["the file is missing or empty"]
    }
    let outline: JSONOutline
    do {
        outline = try JSONOutline.read(existing, options: .jsonc, expanding: ["provider"])
    } catch {
        return ["the file no longer parses (\(error))"]
    }
    guard let root = outline.root, !root.isArray else { return ["the file no longer holds a JSON object"] }
    let providerIndex = root.members.lastIndex { $0.key?.hasSameCodePoints(as: "provider") == true }
    let providers = providerIndex.flatMap { outline.expanded[$0] }.flatMap { $0.isArray ? nil : $0 }

    var found: [String] = []
    for (id, hash) in ownership.providers.sorted(by: { $0.key < $1.key }) {
        if let member = providers?.members(named: id).last {
            if stableHash(outline.value(of: member)) != hash { found.append("provider \(id) was edited by hand") }
        } else if !absenceExpected {
            found.append("provider \(id) was removed by hand")
        }
    }
    for (key, hash) in ownership.keys.sorted(by: { $0.key < $1.key }) where !absenceExpected {
        if let value = outline.topLevelValue(key) {
            if stableHash(value) != hash { found.append("\(key) was changed by hand") }
        } else {
            found.append("\(key) was removed by hand")
        }
    }
    if !absenceExpected, case .array(let list)? = outline.topLevelValue("enabled_providers") {
        let listed = Set(list.compactMap(\.stringValue).map(JSONKey.init))
        for id in ownership.enabledProviders where !listed.contains(JSONKey(id)) {
            found.append("\(id) was removed from enabled_providers by hand")
        }
    }
    return found
}

/// `drift` of a text.
public func drift(existingText: String?, ownership: Ownership) -> [String] {
    drift(existing: existingText.map { Array($0.utf8) }, ownership: ownership)
}
