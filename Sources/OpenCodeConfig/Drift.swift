import JSONCore

/// What changed by hand in the file since this tool wrote it: owned providers and keys whose
/// value no longer has the hash recorded in `ownership`, or that are gone. Empty when the file
/// is as written. For `status` and the agent, which report drift before overwriting it.
public func drift(existingText: String?, ownership: Ownership) -> [String] {
    guard let existingText, !existingText.allSatisfy(\.isWhitespace) else {
        return ownership.isEmpty ? [] : ["the file is missing or empty"]
    }
    let root: JSONValue
    do {
        root = try JSONParser.value(existingText, options: .jsonc)
    } catch {
        return ["the file no longer parses (\(error))"]
    }
    guard case .object = root else { return ["the file no longer holds a JSON object"] }

    var found: [String] = []
    for (id, hash) in ownership.providers.sorted(by: { $0.key < $1.key }) {
        if let value = root["provider"]?[id] {
            if stableHash(value) != hash { found.append("provider \(id) was edited by hand") }
        } else {
            found.append("provider \(id) was removed by hand")
        }
    }
    for (key, hash) in ownership.keys.sorted(by: { $0.key < $1.key }) {
        if let value = root[key] {
            if stableHash(value) != hash { found.append("\(key) was changed by hand") }
        } else {
            found.append("\(key) was removed by hand")
        }
    }
    if case .array(let list)? = root["enabled_providers"] {
        let listed = Set(list.compactMap(\.stringValue).map(JSONKey.init))
        for id in ownership.enabledProviders where !listed.contains(JSONKey(id)) {
            found.append("\(id) was removed from enabled_providers by hand")
        }
    }
    return found
}
