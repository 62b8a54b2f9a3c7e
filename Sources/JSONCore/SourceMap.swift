/// The locations of every node of a document, in pre-order (a node, then its members or
/// elements in document order). Kept apart from the values so that validation works on plain
/// values and positions are looked up only for the few nodes a diagnostic names.
///
/// Each node costs 20 bytes: byte offsets only. Line and column are worked out from the text
/// when a location is asked for, which is rare next to recording one per node.
public struct SourceMap: Sendable, RandomAccessCollection {
    private struct Entry {
        var valueStart: UInt32
        var valueEnd: UInt32
        /// `noKey` when the node is not an object member.
        var keyStart: UInt32
        var keyEnd: UInt32
        var descendants: UInt32
    }

    private static let noKey = UInt32.max

    private var entries: [Entry] = []
    /// The text the offsets point into (shared with the caller's copy, not copied).
    private let text: [UInt8]
    private let lines: LineTable
    /// Where lines start, for the outline reader that shares the scanner.
    var lineTable: LineTable { lines }

    /// Offsets are stored in 32 bits: parsers refuse larger texts before building a map.
    public static let maxTextSize = Int(UInt32.max) - 1

    /// An empty map of `text`, whose lines end as `lineBreaks` says.
    public init(text: [UInt8], lineBreaks: LineBreaks) {
        precondition(text.count <= Self.maxTextSize, "a source map holds offsets below 4 GiB")
        self.text = text
        lines = LineTable(text, breaks: lineBreaks)
    }

    // MARK: Recording

    /// Records a node before its children; returns its index for `close`.
    public mutating func open(valueStart: Int, key: Range<Int>?) -> Int {
        entries.append(Entry(
            valueStart: UInt32(valueStart), valueEnd: UInt32(valueStart),
            keyStart: key.map { UInt32($0.lowerBound) } ?? Self.noKey, keyEnd: key.map { UInt32($0.upperBound) } ?? 0,
            descendants: 0))
        return entries.count - 1
    }

    /// Ends a node once its children (if any) are recorded.
    public mutating func close(_ node: Int, valueEnd: Int) {
        entries[node].valueEnd = UInt32(valueEnd)
        entries[node].descendants = UInt32(entries.count - node - 1)
    }

    /// Appends copies of the entries of `nodes`, a run of whole subtrees (for YAML aliases):
    /// their descendant counts stay right because the copies keep the same shape.
    public mutating func appendCopies(of nodes: Range<Int>) {
        entries.append(contentsOf: entries[nodes])
    }

    public mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

    // MARK: Reading

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    /// The location of node `i`, with line and column worked out from the text.
    public subscript(i: Int) -> NodeLocation {
        let e = entries[i]
        let key = e.keyStart == Self.noKey ? nil : span(e.keyStart, e.keyEnd)
        return NodeLocation(value: span(e.valueStart, e.valueEnd), key: key, descendants: Int(e.descendants))
    }

    /// Line and column of a byte offset into the text.
    public func position(ofOffset offset: Int) -> SourcePosition {
        lines.position(of: offset, in: text)
    }

    private func span(_ start: UInt32, _ end: UInt32) -> SourceSpan {
        SourceSpan(start: position(ofOffset: Int(start)), end: position(ofOffset: Int(end)))
    }

    /// The location of the node a pointer names; for a pointer that goes past the document,
    /// the deepest node that exists (a missing member is reported at its parent object).
    public func location(of pointer: JSONPointer, in root: JSONValue) -> NodeLocation? {
        node(pointer, in: root).map { self[$0.index] }
    }

    /// The locations of the members of the object `pointer` names, in document order: one walk
    /// over its children, for callers that want every key (the provider ids of a spec).
    public func memberLocations(of pointer: JSONPointer, in root: JSONValue) -> [NodeLocation] {
        guard let (index, value, exact) = node(pointer, in: root), exact, case .object(let object) = value else { return [] }
        var locations: [NodeLocation] = []
        var child = index + 1
        for _ in 0..<object.count where child < entries.count {
            locations.append(self[child])
            child += Int(entries[child].descendants) + 1
        }
        return locations
    }

    /// The index and value of the deepest node on the way to `pointer`; `exact` when it is the
    /// node named.
    private func node(_ pointer: JSONPointer, in root: JSONValue) -> (index: Int, value: JSONValue, exact: Bool)? {
        guard !entries.isEmpty else { return nil }
        var index = 0
        var value = root
        for token in pointer.tokens {
            var child = index + 1
            switch value {
            case .object(let o):
                guard let position = o.position(of: token) else { return (index, value, false) }
                for _ in 0..<position { child += Int(entries[child].descendants) + 1 }
                value = o.members[position].value
            case .array(let a):
                guard let i = JSONPointer.arrayIndex(token), a.indices.contains(i) else { return (index, value, false) }
                for _ in 0..<i { child += Int(entries[child].descendants) + 1 }
                value = a[i]
            default:
                return (index, value, false)
            }
            guard child < entries.count else { return (index, value, false) }
            index = child
        }
        return (index, value, true)
    }

    /// True when the pointer names a node that exists (not a fallback to a parent).
    public static func exists(_ pointer: JSONPointer, in root: JSONValue) -> Bool {
        root.value(at: pointer) != nil
    }
}
