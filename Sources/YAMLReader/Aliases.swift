internal import CYAML
internal import JSONCore

/// A node an alias can name: its value and where its source map entries are.
struct Anchor {
    var value: JSONValue
    /// Index of the node's own source map entry (-1 for an anchored key, which has none).
    var node: Int
    /// Entries in the node's subtree, itself included: what one alias of it adds.
    var count: Int
    /// Collections on its longest path down (0 for a scalar), for the depth limit.
    var height: Int
}

extension DocumentBuilder {
    /// An alias becomes a copy of the anchored node: the value is shared (copy on write), the
    /// source map entries below the root are copied so every node still has one (pointing at
    /// the anchored text), and the root entry takes the alias's own position and key. Every copied entry counts against the
    /// budget before anything is copied, so "billion laughs" stops early in bounded memory.
    mutating func alias(_ e: yaml_event_t) throws(YAMLError) {
        let name = String(cString: e.data.alias.anchor)
        let start = positions.position(e.start_mark)
        let end = positions.offset(e.end_mark)
        // An open collection anchored with this name is the node the alias means, even if an
        // earlier node had the same anchor: the latest anchor wins.
        if isOpen(anchor: name) {
            throw YAMLError(
                kind: .unsupportedValue,
                message: "alias *\(name) is inside the node anchored &\(name): JSON cannot hold a recursive structure",
                position: start)
        }
        guard let anchor = anchors[name] else {
            throw YAMLError(
                kind: .undefinedAlias, message: "no anchor &\(name) is defined before this alias", position: start)
        }
        if awaitingKey {
            guard case .string(let key) = anchor.value else {
                throw YAMLError(
                    kind: .nonStringKey,
                    message: "alias *\(name) is used as a key, but it names a \(anchor.value.typeName); "
                        + "JSON object keys are strings",
                    position: start)
            }
            try setKey(key, range: start.offset..<end)
            return
        }
        expanded += anchor.count
        guard expanded <= aliasBudget else {
            throw YAMLError(
                kind: .aliasBudget,
                message: "aliases expand to more than \(aliasBudget) nodes (is this a \"billion laughs\" file?); "
                    + "raise YAMLLimits.maxAliasExpansion if the file is legitimate",
                position: start)
        }
        if depth + anchor.height > maxDepth {
            throw YAMLError(
                kind: .tooDeep,
                message: "alias *\(name) makes the nesting deeper than \(maxDepth) levels", position: start)
        }
        let node = map.open(valueStart: start.offset, key: parentKeyRange)
        if anchor.count > 1 { map.appendCopies(of: (anchor.node + 1)..<(anchor.node + anchor.count)) }
        map.close(node, valueEnd: end)
        attach(anchor.value, end: end, height: anchor.height)
    }
}

