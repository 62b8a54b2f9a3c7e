/// A JSON parse failure at a position in the text.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition

    public var description: String { "\(position): \(message)" }
}

/// Reads JSON, or JSONC (comments and trailing commas, as OpenCode accepts), into a value and
/// a source map with the span of every node and member key.
public struct JSONParser {
    public struct Options: Sendable {
        public var allowComments: Bool
        public var allowTrailingCommas: Bool
        public var maxDepth: Int

        public init(allowComments: Bool = false, allowTrailingCommas: Bool = false, maxDepth: Int = 512) {
            self.allowComments = allowComments
            self.allowTrailingCommas = allowTrailingCommas
            self.maxDepth = maxDepth
        }

        public static let json = Options()
        public static let jsonc = Options(allowComments: true, allowTrailingCommas: true)
    }

    public static func parse(_ text: String, options: Options = .json) throws(JSONParseError) -> (JSONValue, SourceMap) {
        try parse(bytes: Array(text.utf8), options: options)
    }

    public static func parse(bytes: [UInt8], options: Options = .json) throws(JSONParseError) -> (JSONValue, SourceMap) {
        guard bytes.count <= SourceMap.maxTextSize else {
            throw JSONParseError(
                message: "the document is \(bytes.count) bytes; the limit is \(SourceMap.maxTextSize)",
                position: SourcePosition(line: 1, column: 1, offset: 0))
        }
        var scanner = Scanner(bytes: bytes, options: options)
        return try scanner.document()
    }

    /// Parses a value and drops positions.
    public static func value(_ text: String, options: Options = .json) throws(JSONParseError) -> JSONValue {
        try parse(text, options: options).0
    }
}

/// The one JSON/JSONC grammar of this module: `JSONParser` builds values with it, `JSONOutline`
/// walks it without building them.
struct Scanner {
    let bytes: [UInt8]
    let options: JSONParser.Options
    var i = 0
    var depth = 0
    var map: SourceMap

    /// Where lines start is worked out up front, for the source map, unless `lines` is false
    /// (an outline that will never be asked for a position): then only for an error.
    let linesKnown: Bool

    init(bytes: [UInt8], options: JSONParser.Options, lines: Bool = true) {
        self.bytes = bytes
        self.options = options
        linesKnown = lines
        map = SourceMap(text: lines ? bytes : [], lineBreaks: .lf)
    }

    /// An error at a byte offset (by default the current one); only errors need line and column.
    func fail(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let lines = linesKnown ? map : SourceMap(text: bytes, lineBreaks: .lf)
        return JSONParseError(message: message, position: lines.position(ofOffset: offset ?? i))
    }

    mutating func document() throws(JSONParseError) -> (JSONValue, SourceMap) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        try skipBlank()
        guard i < bytes.count else { throw fail("the document is empty") }
        let value = try parseValue(key: nil)
        try skipBlank()
        guard i == bytes.count else { throw fail("unexpected text after the end of the document") }
        return (value, map)
    }

    mutating func advance() { i += 1 }

    mutating func skipBlank() throws(JSONParseError) {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D:
                advance()
            case UInt8(ascii: "/") where options.allowComments:
                try skipComment()
            default:
                return
            }
        }
    }

    mutating func skipComment() throws(JSONParseError) {
        let start = i
        guard i + 1 < bytes.count else { throw fail("unexpected '/'") }
        if bytes[i + 1] == UInt8(ascii: "/") {
            while i < bytes.count, bytes[i] != 0x0A { advance() }
        } else if bytes[i + 1] == UInt8(ascii: "*") {
            advance(); advance()
            while true {
                guard i + 1 < bytes.count else { throw fail("unterminated /* comment", at: start) }
                if bytes[i] == UInt8(ascii: "*"), bytes[i + 1] == UInt8(ascii: "/") {
                    advance(); advance()
                    return
                }
                advance()
            }
        } else {
            throw fail("unexpected '/'")
        }
    }

    mutating func parseValue(key: Range<Int>?) throws(JSONParseError) -> JSONValue {
        guard i < bytes.count else { throw fail("unexpected end of the document") }
        let node = map.open(valueStart: i, key: key)
        let value: JSONValue
        switch bytes[i] {
        case UInt8(ascii: "{"): value = try parseObject()
        case UInt8(ascii: "["): value = try parseArray()
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
        default: throw fail("expected a value")
        }
        map.close(node, valueEnd: i)
        return value
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = i
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in w {
            guard i < bytes.count, bytes[i] == b else { throw fail("expected a value", at: start) }
            advance()
        }
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > options.maxDepth { throw fail("nesting deeper than \(options.maxDepth) levels") }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        advance()  // {
        var object = JSONObject()
        try skipBlank()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return .object(object)
        }
        while true {
            try skipBlank()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw fail("expected a member name in double quotes")
            }
            let keyStart = i
            let key = try parseString()
            let keyRange = keyStart..<i
            try skipBlank()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the member name") }
            advance()
            try skipBlank()
            let value = try parseValue(key: keyRange)
            if object.position(of: key) != nil {
                object[key] = value  // last one wins, as JavaScript's JSON.parse does
            } else {
                object.append(key, value)
            }
            try skipBlank()
            guard i < bytes.count else { throw fail("unterminated object") }
            if bytes[i] == UInt8(ascii: ",") {
                advance()
                try skipBlank()
                if options.allowTrailingCommas, i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                    advance()
                    break
                }
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                advance()
                break
            }
            throw fail("expected ',' or '}'")
        }
        depth -= 1
        return .object(object)
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        advance()  // [
        var elements: [JSONValue] = []
        try skipBlank()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return .array(elements)
        }
        while true {
            try skipBlank()
            elements.append(try parseValue(key: nil))
            try skipBlank()
            guard i < bytes.count else { throw fail("unterminated array") }
            if bytes[i] == UInt8(ascii: ",") {
                advance()
                try skipBlank()
                if options.allowTrailingCommas, i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    advance()
                    break
                }
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                advance()
                break
            }
            throw fail("expected ',' or ']'")
        }
        depth -= 1
        return .array(elements)
    }

    mutating func parseString() throws(JSONParseError) -> String {
        try scanString(decoding: true)!
    }

    /// A string token: its value, or with `decoding: false` only checked (nil), nothing built.
    mutating func scanString(decoding: Bool) throws(JSONParseError) -> String? {
        let start = i
        advance()  // opening quote
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard i < bytes.count else { throw fail("unterminated string", at: start) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                if decoding { out.append(contentsOf: bytes[runStart..<i]) }
                advance()
                break
            }
            if b < 0x20 { throw fail("control character in a string; write it escaped") }
            if b == UInt8(ascii: "\\") {
                if decoding {
                    out.append(contentsOf: bytes[runStart..<i])
                    try parseEscape(into: &out)
                } else {
                    var checked: [UInt8] = []  // empty arrays do not allocate until written
                    try parseEscape(into: &checked)
                }
                runStart = i
                continue
            }
            advance()
        }
        guard decoding else {
            // Escapes are ASCII and decode to valid UTF-8: the raw bytes are valid exactly when
            // the decoded string would be.
            guard isValidUTF8(bytes[(start + 1)..<(i - 1)]) else { throw fail("invalid UTF-8 in a string", at: start) }
            return nil
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in a string", at: start) }
        return s
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(JSONParseError) {
        let start = i
        advance()  // backslash
        guard i < bytes.count else { throw fail("unterminated escape", at: start) }
        let c = bytes[i]
        advance()
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(start)
            if (0xD800...0xDBFF).contains(scalar) {
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                    throw fail("unpaired surrogate in \\u escape", at: start)
                }
                advance(); advance()
                let low = try hex4(start)
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape", at: start) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("unpaired surrogate in \\u escape", at: start)
            }
            out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
            throw fail("unknown escape '\\\(Character(Unicode.Scalar(c)))'", at: start)
        }
    }

    mutating func hex4(_ start: Int) throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count else { throw fail("short \\u escape", at: start) }
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - 55)
            default: throw fail("bad hex digit in \\u escape", at: start)
            }
            v = v * 16 + d
            advance()
        }
        return v
    }

    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = i
        let from = i
        if bytes[i] == UInt8(ascii: "-") { advance() }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fail("expected a digit", at: start) }
        if bytes[i] == UInt8(ascii: "0") {
            advance()
        } else {
            while i < bytes.count, isDigit(bytes[i]) { advance() }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            advance()
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("expected a digit after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { advance() }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            advance()
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { advance() }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("expected a digit in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { advance() }
        }
        let text = String(decoding: bytes[from..<i], as: UTF8.self)
        // Double(text) gives ±infinity rather than nil for 1e400: reject that as out of range too.
        guard let d = Double(text), d.isFinite else { throw fail("number out of range", at: start) }
        return d
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}

/// Whether `bytes` are valid UTF-8, without building a string.
func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
    if !bytes.contains(where: { $0 >= 0x80 }) { return true }
    var iterator = bytes.makeIterator()
    var decoder = Unicode.UTF8()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}
