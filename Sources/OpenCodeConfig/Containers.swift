internal import JSONCore

/// Where one member of an object (or element of an array) was written.
struct MemberLocation {
    /// The decoded key; nil for an array element.
    var key: String?
    var keySpan: SourceSpan?
    var value: SourceSpan
    /// The member's index in the source map.
    var node: Int

    /// The first byte of the member: its key, or for an element its value.
    var start: Int { keySpan?.start.offset ?? value.start.offset }
}

/// Where an object or array was written, with its members in document order (duplicates
/// included, unlike `JSONObject`, which keeps the last value of a repeated key).
struct ContainerLocation {
    var node: Int
    var span: SourceSpan
    var isArray: Bool
    var members: [MemberLocation]

    /// Open and close on one line, like `["a", "b"]` or a minified file.
    var isSingleLine: Bool { span.start.line == span.end.line }

    func members(named key: String) -> [MemberLocation] { members.filter { $0.key?.hasSameCodePoints(as: key) == true } }
}

extension ContainerLocation {
    /// A container of an outline, with line and column worked out for each member.
    init(_ container: JSONOutline.Container, in outline: JSONOutline) {
        let members = container.members.map { m in
            MemberLocation(key: m.key, keySpan: m.keyRange.map(outline.span), value: outline.span(m.valueRange), node: -1)
        }
        self.init(node: -1, span: outline.span(container.range), isArray: container.isArray, members: members)
    }
}

extension SourceMap {
    /// The container at node `index`, reading member keys from `bytes`.
    func container(at index: Int, bytes: [UInt8]) -> ContainerLocation {
        let node = self[index]
        var members: [MemberLocation] = []
        var child = index + 1
        while child <= index + node.descendants {
            let c = self[child]
            let key = c.key.map { decodeKey(bytes[$0.start.offset..<$0.end.offset]) }
            members.append(MemberLocation(key: key, keySpan: c.key, value: c.value, node: child))
            child += c.descendants + 1
        }
        let isArray = bytes[node.value.start.offset] == UInt8(ascii: "[")
        return ContainerLocation(node: index, span: node.value, isArray: isArray, members: members)
    }
}

/// A member key as written (with its quotes) -> the string it means.
private func decodeKey(_ quoted: ArraySlice<UInt8>) -> String {
    let inner = quoted.dropFirst().dropLast()
    if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
    return (try? JSONParser.value(String(decoding: quoted, as: UTF8.self)))?.stringValue ?? String(decoding: inner, as: UTF8.self)
}
