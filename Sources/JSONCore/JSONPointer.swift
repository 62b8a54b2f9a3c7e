/// An RFC 6901 JSON pointer: where a diagnostic points inside a document.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    public var tokens: [String]

    public init(_ tokens: [String] = []) { self.tokens = tokens }

    public static let root = JSONPointer()

    /// Parses "/a/b~1c"; nil if the text is not a pointer.
    public init?(parsing text: String) {
        if text.isEmpty { self.tokens = []; return }
        // Split on the scalar '/': as Characters, "/" and a combining mark after it are one.
        let scalars = text.unicodeScalars
        guard scalars.first == "/" else { return nil }
        var tokens: [String] = []
        for raw in scalars.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let t = Self.unescape(String(raw)) else { return nil }
            tokens.append(t)
        }
        self.tokens = tokens
    }

    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(token)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(Array(tokens.dropLast())) }
    public var last: String? { tokens.last }

    public var description: String {
        // Appended one by one: `joined()` is a generic the standard library instantiates at run
        // time, and its first use scans every conformance record (see scripts/build-release.sh).
        var text = ""
        for token in tokens {
            text += "/"
            text += Self.escape(token)
        }
        return text
    }

    /// By scalars throughout: "~" or "/" followed by a combining mark is one Character, and a
    /// Character-wise search would leave it unescaped.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingAll("~", with: "~0").replacingAll("/", with: "~1")
    }

    static func unescape(_ token: String) -> String? {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        var out = String.UnicodeScalarView()
        var it = token.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c == "~" {
                switch it.next() {
                case "0": out.append("~")
                case "1": out.append("/")
                default: return nil
                }
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    /// An array index token: digits without a leading zero.
    public static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            token == "0" || token.first != "0"
        else { return nil }
        return Int(token)
    }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool {
        a.tokens.lexicographicallyPrecedes(b.tokens) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Tokens are object keys: equal when their code points are (see CodePoints.swift).
    public static func == (a: JSONPointer, b: JSONPointer) -> Bool {
        a.tokens.elementsEqual(b.tokens) { $0.hasSameCodePoints(as: $1) }
    }

    public func hash(into hasher: inout Hasher) {
        for token in tokens { token.hashCodePoints(into: &hasher) }
    }
}

extension String {
    /// Replaces every occurrence without Foundation, matching UTF-8 bytes: Swift's own
    /// `contains` and `range(of:)` compare Characters, and "\r\n" is one Character that holds
    /// no "\r". A match of valid UTF-8 always starts and ends on a scalar boundary.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard let first = t.first else { return self }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        var i = 0, copied = 0
        while i + t.count <= bytes.count {
            if bytes[i] == first, bytes[i..<(i + t.count)].elementsEqual(t) {
                out += bytes[copied..<i]
                out += replacement.utf8
                i += t.count
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return self }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
