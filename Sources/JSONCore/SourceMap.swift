/// A place in a source text. Line and column are 1-based; the column counts Unicode scalars
/// (as libyaml does); offset is the UTF-8 byte offset from the start of the text.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }
    public var description: String { "\(line):\(column)" }
}

/// A half-open range of source text.
public struct SourceSpan: Sendable, Hashable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}

/// Where one node of a document was written: the value, and for an object member its key.
public struct NodeLocation: Sendable, Hashable {
    public var value: SourceSpan
    public var key: SourceSpan?
    /// How many nodes follow this one inside its subtree (to skip it in the pre-order list).
    public var descendants: Int

    public init(value: SourceSpan, key: SourceSpan?, descendants: Int = 0) {
        self.value = value
        self.key = key
        self.descendants = descendants
    }
}

/// The locations of every node of a document, in pre-order (a node, then its members or
/// elements in document order). Kept apart from the values so that validation works on plain
/// values and positions are looked up only for the few nodes a diagnostic names.
public struct SourceMap: Sendable {
    public private(set) var nodes: [NodeLocation] = []

    public init() {}

    public var isEmpty: Bool { nodes.isEmpty }

    /// Records a node before its children; returns its index for `close`.
    public mutating func open(value start: SourcePosition, key: SourceSpan?) -> Int {
        nodes.append(NodeLocation(value: SourceSpan(start: start, end: start), key: key))
        return nodes.count - 1
    }

    /// Ends a node once its children (if any) are recorded.
    public mutating func close(_ index: Int, end: SourcePosition) {
        nodes[index].value.end = end
        nodes[index].descendants = nodes.count - index - 1
    }

    public mutating func reserve(_ n: Int) { nodes.reserveCapacity(n) }

    /// The location of the node a pointer names; for a pointer that goes past the document,
    /// the deepest node that exists (a missing member is reported at its parent object).
    public func location(of pointer: JSONPointer, in root: JSONValue) -> NodeLocation? {
        guard !nodes.isEmpty else { return nil }
        var index = 0
        var value = root
        for token in pointer.tokens {
            var child = index + 1
            switch value {
            case .object(let o):
                guard let position = o.position(of: token) else { return nodes[index] }
                for _ in 0..<position { child += nodes[child].descendants + 1 }
                value = o.members[position].value
            case .array(let a):
                guard let i = JSONPointer.arrayIndex(token), a.indices.contains(i) else { return nodes[index] }
                for _ in 0..<i { child += nodes[child].descendants + 1 }
                value = a[i]
            default:
                return nodes[index]
            }
            guard child < nodes.count else { return nodes[index] }
            index = child
        }
        return nodes[index]
    }

    /// True when the pointer names a node that exists (not a fallback to a parent).
    public static func exists(_ pointer: JSONPointer, in root: JSONValue) -> Bool {
        root.value(at: pointer) != nil
    }
}
