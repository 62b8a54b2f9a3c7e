internal import JSONCore

/// A scalar that cannot become what its context needs; the caller adds the position.
struct ScalarProblem: Error {
    var kind: YAMLError.Kind
    var message: String
}

/// Turns a scalar's text, tag and style into a JSON value or an object key.
enum Scalars {
    /// A value: plain untagged scalars go through the core schema, quoted and block scalars
    /// are strings, and a core tag says what the text must be.
    static func value(_ b: UnsafeBufferPointer<UInt8>, tag: Tag, plain: Bool) throws(ScalarProblem) -> JSONValue {
        switch tag {
        case .none:
            guard plain else { return .string(string(b)) }
            switch CoreSchema.classify(b) {
            case .string: return .string(string(b))
            case .null: return .null
            case .bool(let v): return .bool(v)
            case .int(let d), .float(let d): return .number(d)
            case .unrepresentable(let type, let reason): throw unrepresentable(b, type: type, reason: reason)
            }
        case .nonSpecific, .str:
            return .string(string(b))
        case .null:
            if case .null = CoreSchema.classify(b) { return .null }
        case .bool:
            if case .bool(let v) = CoreSchema.classify(b) { return .bool(v) }
        case .int:
            switch CoreSchema.classify(b) {
            case .int(let d): return .number(d)
            case .unrepresentable(let type, let reason) where type == "integer":
                throw unrepresentable(b, type: type, reason: reason)
            default: break
            }
        case .float:
            switch CoreSchema.classify(b) {
            case .int(let d), .float(let d): return .number(d)
            case .unrepresentable(let type, let reason): throw unrepresentable(b, type: type, reason: reason)
            default: break
            }
        case .map, .seq:
            throw ScalarProblem(
                kind: .tagMismatch, message: "\(tag.display) is for a collection, but \(quoted(b)) is a scalar")
        case .other:
            throw unknownTag(tag)
        }
        throw ScalarProblem(kind: .tagMismatch, message: "\(quoted(b)) is not a valid \(tag.display) value")
    }

    /// A mapping key: it must come out a string, since JSON object keys are strings.
    static func key(_ b: UnsafeBufferPointer<UInt8>, tag: Tag, plain: Bool) throws(ScalarProblem) -> String {
        switch tag {
        case .none where !plain, .nonSpecific, .str:
            return string(b)
        case .none:
            let kind = CoreSchema.classify(b)
            if case .string = kind { return string(b) }
            let article = kind.typeName == "null" ? "" : kind.typeName == "integer" ? "an " : "a "
            throw nonStringKey(b, readAs: "is read as \(article)\(kind.typeName)")
        case .other:
            throw unknownTag(tag)
        default:
            _ = try value(b, tag: tag, plain: plain)  // a mismatched tag is reported as such first
            throw nonStringKey(b, readAs: "is tagged \(tag.display)")
        }
    }

    /// JSON object keys are strings; the message says what the key is instead and how to fix it.
    static func nonStringKey(_ b: UnsafeBufferPointer<UInt8>, readAs: String) -> ScalarProblem {
        let what = b.isEmpty ? "an empty key" : "the key \(quoted(b))"
        return ScalarProblem(
            kind: .nonStringKey,
            message: "\(what) \(readAs), but JSON object keys are strings; quote it: \"\(string(b))\"")
    }

    /// The one conversion of a scalar's bytes to a String (libyaml has validated the UTF-8).
    @inline(__always)
    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: b, as: UTF8.self)
    }

    private static func unrepresentable(_ b: UnsafeBufferPointer<UInt8>, type: String, reason: String)
        -> ScalarProblem
    {
        let article = type == "integer" ? "an" : "a"
        return ScalarProblem(
            kind: .unsupportedValue,
            message: "\(quoted(b)) is read as \(article) \(type), but \(reason); quote it to keep it as a string")
    }

    static func unknownTag(_ tag: Tag) -> ScalarProblem {
        ScalarProblem(
            kind: .unknownTag,
            message: "unknown tag \(tag.display); only the YAML 1.2 core schema tags are understood "
                + "(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq, !)")
    }

    /// The scalar's text for a message, shortened if long.
    static func quoted(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let s = string(b)
        return s.unicodeScalars.count > 40 ? "'\(String(s.unicodeScalars.prefix(40)))…'" : "'\(s)'"
    }
}
