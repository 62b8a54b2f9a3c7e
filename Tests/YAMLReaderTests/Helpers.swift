import JSONCore
import YAMLReader

/// Reads text that must parse.
func read(_ text: String, limits: YAMLLimits = .init()) throws -> YAMLDocument {
    try YAMLDocumentReader.read(text, limits: limits)
}

/// The error text gives, or nil if it parses.
func failure(_ text: String, limits: YAMLLimits = .init()) -> YAMLError? {
    do {
        _ = try YAMLDocumentReader.read(text, limits: limits)
        return nil
    } catch {
        return error
    }
}

func failure(_ bytes: [UInt8], limits: YAMLLimits = .init()) -> YAMLError? {
    do {
        _ = try YAMLDocumentReader.read(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// "line:column@offset", to compare positions in one string.
func at(_ p: SourcePosition?) -> String {
    guard let p else { return "nil" }
    return "\(p.line):\(p.column)@\(p.offset)"
}

/// "start-end" of a span, as `at` writes positions.
func span(_ s: SourceSpan?) -> String {
    guard let s else { return "nil" }
    return "\(at(s.start))-\(at(s.end))"
}

/// The source map entry of the node a pointer names.
func location(_ doc: YAMLDocument, _ pointer: String) -> NodeLocation? {
    doc.sourceMap.location(of: JSONPointer(parsing: pointer)!, in: doc.value)
}

/// Counts the nodes of a value, to check the source map has one entry each.
func nodeCount(_ v: JSONValue) -> Int {
    switch v {
    case .array(let a): 1 + a.reduce(0) { $0 + nodeCount($1) }
    case .object(let o): 1 + o.members.reduce(0) { $0 + nodeCount($1.value) }
    default: 1
    }
}
