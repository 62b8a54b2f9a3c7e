internal import JSONCore

/// What a plain (unquoted, untagged) scalar means under the YAML 1.2 core schema.
enum PlainKind {
    case string
    case null
    case bool(Bool)
    case int(Double)
    case float(Double)
    /// A number the schema recognises but JSON cannot hold exactly; `type` is "integer" or
    /// "float", `reason` says why.
    case unrepresentable(type: String, reason: String)

    /// The type name a message uses ("integer", "null", …).
    var typeName: String {
        switch self {
        case .string: "string"
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .float: "float"
        case .unrepresentable(let type, _): type
        }
    }
}

/// The YAML 1.2 core schema, on the raw bytes of a scalar (no String is made to classify one).
enum CoreSchema {
    /// Integers are exact in a Double up to 2^53; beyond that a number would change silently.
    static let maxExactInteger: UInt64 = 1 << 53

    static func classify(_ b: UnsafeBufferPointer<UInt8>) -> PlainKind {
        guard let first = b.first else { return .null }
        // The first byte decides which rule can match; most scalars are strings that stop here.
        switch first {
        case UInt8(ascii: "~"):
            return b.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return matches(b, "null", "Null", "NULL") ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return matches(b, "true", "True", "TRUE") ? .bool(true) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return matches(b, "false", "False", "FALSE") ? .bool(false) : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return number(b)
        default:
            return .string
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, the float forms, `.inf` and `.nan`.
    private static func number(_ b: UnsafeBufferPointer<UInt8>) -> PlainKind {
        let n = b.count
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return .string }
        if b[i] == UInt8(ascii: ".") {
            let rest = UnsafeBufferPointer(rebasing: b[(i + 1)...])
            if matches(rest, "inf", "Inf", "INF") {
                return .unrepresentable(type: "float", reason: "JSON has no infinity")
            }
            if i == 0, matches(rest, "nan", "NaN", "NAN") {
                return .unrepresentable(type: "float", reason: "JSON has no NaN")
            }
        }
        if i == 0, n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") || b[1] == UInt8(ascii: "x") {
            return radixInteger(b, radix: b[1] == UInt8(ascii: "o") ? 8 : 16)
        }
        var value: UInt64 = 0
        var tooBig = false
        var j = i
        while j < n, isDigit(b[j]) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(b[j] &- 48))
            tooBig = tooBig || o1 || o2
            value = sum
            j += 1
        }
        if j == n {
            guard j > i else { return .string }
            return integer(value, negative: negative, tooBig: tooBig)
        }
        return float(b, from: i)
    }

    private static func integer(_ value: UInt64, negative: Bool, tooBig: Bool) -> PlainKind {
        guard !tooBig, value <= maxExactInteger else {
            return .unrepresentable(type: "integer", reason: "it is beyond 2^53, where JSON numbers stop being exact")
        }
        return .int(negative && value != 0 ? -Double(value) : Double(value))
    }

    private static func radixInteger(_ b: UnsafeBufferPointer<UInt8>, radix: UInt64) -> PlainKind {
        var value: UInt64 = 0
        var tooBig = false
        for c in b[2...] {
            let digit: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "7"): digit = UInt64(c - 48)
            case UInt8(ascii: "8")...UInt8(ascii: "9") where radix == 16: digit = UInt64(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt64(c - 55)
            default: return .string
            }
            if value > maxExactInteger { tooBig = true } else { value = value * radix + digit }
        }
        return integer(value, negative: false, tooBig: tooBig)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, sign already skipped.
    private static func float(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> PlainKind {
        let n = b.count
        var i = start
        var mantissaDigits = 0
        while i < n, isDigit(b[i]) {
            i += 1
            mantissaDigits += 1
        }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(b[i]) {
                i += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return .string }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            let digitsStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            guard i > digitsStart else { return .string }
        }
        guard i == n else { return .string }
        // Every form the pattern allows is one Swift's parser reads ("1.", ".5", "+1e3").
        guard let d = Double(String(decoding: b, as: UTF8.self)) else { return .string }
        guard d.isFinite else {
            return .unrepresentable(type: "float", reason: "it is out of range for a JSON number")
        }
        return .float(d)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// True if the bytes spell one of the three spellings the schema allows (lower, Title, UPPER).
    private static func matches(
        _ b: UnsafeBufferPointer<UInt8>, _ lower: StaticString, _ title: StaticString, _ upper: StaticString
    ) -> Bool {
        guard b.count == lower.utf8CodeUnitCount else { return false }
        return equal(b, lower) || equal(b, title) || equal(b, upper)
    }

    private static func equal(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount).elementsEqual(b)
    }
}
