/// The outline of a JSON or JSONC document: the members of its top-level object and of the
/// containers under a few named top-level keys, each with where its key and value were
/// written, and no value built. The whole text is checked as the parser checks it.
///
/// For editing a large file in place: a 30 MiB opencode.json is mostly providers made by hand
/// that a merge never looks inside, and building every value (and a source map entry per
/// node) took about 10 times the file's size in memory. Values are parsed on demand, one
/// member at a time (`value(of:)`).
public struct JSONOutline: Sendable {
    /// One member of an object (key and value) or element of an array (value only).
    public struct Member: Sendable, Equatable {
        /// The decoded key; nil for an array element.
        public var key: String?
        /// The key as written, with its quotes.
        public var keyRange: Range<Int>?
        public var valueRange: Range<Int>
        /// The first byte of the member: its key, or for an element its value.
        public var start: Int { keyRange?.lowerBound ?? valueRange.lowerBound }
    }

    /// An object or array, from its opening to past its closing bracket.
    public struct Container: Sendable, Equatable {
        public var range: Range<Int>
        public var isArray: Bool
        public var members: [Member]

        /// Every member with this key, in document order (JSON keeps the last).
        public func members(named key: String) -> [Member] { members.filter { $0.key?.hasSameCodePoints(as: key) == true } }

        /// The indices of `members` by key, in document order: for many lookups in a large object.
        public static func positions(of members: [Member]) -> [JSONKey: [Int]] {
            var positions: [JSONKey: [Int]] = [:]
            for (i, member) in members.enumerated() { if let key = member.key { positions[JSONKey(key), default: []].append(i) } }
            return positions
        }
    }

    public let bytes: [UInt8]
    /// The top-level value.
    public let rootRange: Range<Int>
    /// The top-level container's members; nil when the top-level value is not an object or array.
    public let root: Container?
    /// For each top-level member (by index) whose key was asked to be expanded and whose value
    /// is an object or array, that container's members.
    public let expanded: [Int: Container]
    /// Where lines start; nil when the outline was read without (`positions: false`).
    private let lines: LineTable?

    /// Reads `bytes`; `expanding` names the top-level keys whose containers are outlined too.
    /// `positions: false` saves the table of line starts (about 4 bytes a line) for an outline
    /// that is only compared, never asked where something is.
    public static func read(_ bytes: [UInt8], options: JSONParser.Options = .json,
                            expanding: Set<String> = [], positions: Bool = true) throws(JSONParseError) -> JSONOutline {
        guard bytes.count <= SourceMap.maxTextSize else {
            throw JSONParseError(message: "the document is \(bytes.count) bytes; the limit is \(SourceMap.maxTextSize)",
                                 position: SourcePosition(line: 1, column: 1, offset: 0))
        }
        var scanner = Scanner(bytes: bytes, options: options, lines: positions)
        let keys = Set(expanding.map(JSONKey.init))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.i = 3 }
        try scanner.skipBlank()
        guard scanner.i < bytes.count else { throw scanner.fail("the document is empty") }
        let start = scanner.i
        var root: Container?
        var expanded: [Int: Container] = [:]
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") {
            root = try scanner.outlineContainer { (scanner: inout Scanner, index: Int, key: String?) throws(JSONParseError) in
                guard let key, keys.contains(JSONKey(key)), scanner.i < bytes.count,
                      bytes[scanner.i] == UInt8(ascii: "{") || bytes[scanner.i] == UInt8(ascii: "[") else {
                    try scanner.skipValue()
                    return
                }
                expanded[index] = try scanner.outlineContainer(Scanner.skipMember)
            }
        } else {
            try scanner.skipValue()
        }
        let rootRange = start..<scanner.i
        try scanner.skipBlank()
        guard scanner.i == bytes.count else { throw scanner.fail("unexpected text after the end of the document") }
        return JSONOutline(bytes: bytes, rootRange: rootRange, root: root, expanded: expanded,
                           lines: positions ? scanner.lineTable : nil)
    }

    /// Whether `bytes` are a valid document under `options`, nothing built (strict JSON or not).
    public static func isValid(_ bytes: [UInt8], options: JSONParser.Options) -> Bool {
        (try? read(bytes, options: options, positions: false)) != nil
    }

    /// The value at `range` (a member's value), parsed now.
    public func value(at range: Range<Int>) -> JSONValue {
        // The text was checked as a whole, so its parts parse; a failure here would be a bug.
        (try? JSONParser.parse(bytes: Array(bytes[range]), options: .jsonc).0) ?? .null
    }

    public func value(of member: Member) -> JSONValue { value(at: member.valueRange) }

    /// The value of the last top-level member with `key` (the one JSON keeps), parsed now.
    public func topLevelValue(_ key: String) -> JSONValue? {
        root.flatMap { $0.isArray ? nil : $0.members(named: key).last }.map(value(of:))
    }

    /// The bytes of a range, for comparing parts of two texts without building either.
    public func raw(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    /// Line and column of a byte offset.
    public func position(ofOffset offset: Int) -> SourcePosition {
        (lines ?? LineTable(bytes, breaks: .lf)).position(of: offset, in: bytes)
    }

    public func span(_ range: Range<Int>) -> SourceSpan {
        SourceSpan(start: position(ofOffset: range.lowerBound), end: position(ofOffset: range.upperBound))
    }
}

extension Scanner {
    var lineTable: LineTable { map.lineTable }

    /// An object or array at `i`, its members recorded (unless `record` is false: only
    /// checked); `value` must consume each member's value (it gets the member's index and key).
    /// The grammar is `parseObject`'s and `parseArray`'s.
    mutating func outlineContainer(
        record: Bool = true, _ value: (inout Scanner, _ index: Int, _ key: String?) throws(JSONParseError) -> Void
    ) throws(JSONParseError) -> JSONOutline.Container {
        let open = i
        let isArray = bytes[i] == UInt8(ascii: "[")
        let close = isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")
        try enter()
        advance()
        var members: [JSONOutline.Member] = []
        var count = 0
        try skipBlank()
        if i < bytes.count, bytes[i] == close {
            advance()
            depth -= 1
            return JSONOutline.Container(range: open..<i, isArray: isArray, members: members)
        }
        while true {
            try skipBlank()
            var key: String?
            var keyRange: Range<Int>?
            if !isArray {
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a member name in double quotes") }
                let keyStart = i
                key = try scanString(decoding: record)
                keyRange = keyStart..<i
                try skipBlank()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the member name") }
                advance()
                try skipBlank()
            }
            guard i < bytes.count else { throw fail("unexpected end of the document") }
            let valueStart = i
            try value(&self, count, key)
            count += 1
            if record { members.append(JSONOutline.Member(key: key, keyRange: keyRange, valueRange: valueStart..<i)) }
            try skipBlank()
            guard i < bytes.count else { throw fail(isArray ? "unterminated array" : "unterminated object") }
            if bytes[i] == UInt8(ascii: ",") {
                advance()
                try skipBlank()
                if options.allowTrailingCommas, i < bytes.count, bytes[i] == close {
                    advance()
                    break
                }
                continue
            }
            if bytes[i] == close {
                advance()
                break
            }
            throw fail(isArray ? "expected ',' or ']'" : "expected ',' or '}'")
        }
        depth -= 1
        return JSONOutline.Container(range: open..<i, isArray: isArray, members: members)
    }

    /// A member's value, checked and passed over (for `outlineContainer`).
    static func skipMember(_ scanner: inout Scanner, _ index: Int, _ key: String?) throws(JSONParseError) {
        try scanner.skipValue()
    }

    /// Checks one value as `parseValue` would, building nothing.
    mutating func skipValue() throws(JSONParseError) {
        guard i < bytes.count else { throw fail("unexpected end of the document") }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): _ = try outlineContainer(record: false, Scanner.skipMember)
        case UInt8(ascii: "\""): _ = try scanString(decoding: false)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
        default: throw fail("expected a value")
        }
    }
}
