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
