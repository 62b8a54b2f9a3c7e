/// RFC 3986 URIs and URI references, RFC 3987 IRIs (the same grammar with non-ASCII
/// characters allowed), and RFC 6570 URI templates (level 4 syntax).
enum URIFormat {
    static func isValid(_ text: String, allowRelative: Bool, international: Bool) -> Bool {
        let s = Array(text.unicodeScalars)
        var rest = s[...]
        var fragment: ArraySlice<Unicode.Scalar>? = nil
        var query: ArraySlice<Unicode.Scalar>? = nil
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[(hash + 1)...]
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = rest[(question + 1)...]
            rest = rest[..<question]
        }
        var hasScheme = false
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            let scheme = rest[..<colon]
            guard let first = scheme.first, first.isASCIILetter,
                scheme.allSatisfy({ $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "." })
            else { return false }
            hasScheme = true
            rest = rest[(colon + 1)...]
        }
        guard hasScheme || allowRelative else { return false }
        if let fragment, !fragment.allSatisfy(charIs(queryOrFragment, international)) { return false }
        if let query, !query.allSatisfy(charIs(queryOrFragment, international)) { return false }
        guard percentEncodingsAreValid(s) else { return false }

        var path = rest
        if rest.starts(with: ["/", "/"]) {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            guard isAuthority(rest[afterSlashes..<end], international) else { return false }
            path = rest[end...]
        } else if !hasScheme, let firstSlash = path.firstIndex(of: "/") ?? Optional(path.endIndex),
            path[..<firstSlash].contains(":")
        {
            return false  // a relative path's first segment cannot contain ':'
        }
        return path.allSatisfy { $0 == "/" || charIs(pathChar, international)($0) }
    }

    private static func percentEncodingsAreValid(_ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < s.count {
            if s[i] == "%" {
                guard i + 2 < s.count, s[i + 1].isASCIIHexDigit, s[i + 2].isASCIIHexDigit else { return false }
                i += 3
            } else {
                i += 1
            }
        }
        return true
    }

    private static let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".unicodeScalars)
    private static let subDelims = Set("!$&'()*+,;=".unicodeScalars)

    private static func pathChar(_ c: Unicode.Scalar) -> Bool {
        unreserved.contains(c) || subDelims.contains(c) || c == ":" || c == "@" || c == "%"
    }

    private static func queryOrFragment(_ c: Unicode.Scalar) -> Bool { pathChar(c) || c == "/" || c == "?" }

    /// Allows RFC 3987's ucschar (non-ASCII, non-control, non-space) for IRIs.
    private static func charIs(_ test: @escaping (Unicode.Scalar) -> Bool, _ international: Bool) -> (Unicode.Scalar) -> Bool {
        { c in
            if c.value >= 0x80 {
                guard international else { return false }
                let category = c.properties.generalCategory
                return category != .control && category != .spaceSeparator && category != .lineSeparator
                    && category != .paragraphSeparator && category != .surrogate
            }
            return test(c)
        }
    }

    private static func isAuthority(_ authority: ArraySlice<Unicode.Scalar>, _ international: Bool) -> Bool {
        var host = authority
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            guard userinfo.allSatisfy(charIs({ pathChar($0) && $0 != "@" }, international)) else { return false }
            host = authority[(at + 1)...]
        }
        if host.first == "[" {
            guard let close = host.firstIndex(of: "]") else { return false }
            let literal = String(String.UnicodeScalarView(host[(host.startIndex + 1)..<close]))
            let ok =
                literal.first == "v" || literal.first == "V"
                ? literal.contains(".") : IPAddressFormat.isIPv6(Array(literal.utf8)[...])
            guard ok else { return false }
            host = host[(close + 1)...]
            if host.isEmpty { return true }
            guard host.first == ":" else { return false }
            return host.dropFirst().allSatisfy { ("0"..."9").contains($0) }
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[(colon + 1)...].allSatisfy({ ("0"..."9").contains($0) }) else { return false }
            host = host[..<colon]
        }
        return host.allSatisfy(charIs({ unreserved.contains($0) || subDelims.contains($0) || $0 == "%" }, international))
    }

    /// RFC 6570: literals, and expressions `{[op]var[:n|*],...}`.
    static func isTemplate(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "{" {
                guard let close = s[i...].firstIndex(of: "}") else { return false }
                guard isExpression(s[(i + 1)..<close]) else { return false }
                i = close + 1
                continue
            }
            if c == "%" {
                guard i + 2 < s.count, s[i + 1].isASCIIHexDigit, s[i + 2].isASCIIHexDigit else { return false }
            } else if !isTemplateLiteral(c) {
                return false
            }
            i += 1
        }
        return true
    }

    /// RFC 6570 section 2.1 `literals` with verified erratum 6937, which puts the apostrophe
    /// back (%x26-3B; the RFC's own example `'{var}'` needs it): printable ASCII except space,
    /// DQUOTE, "%", "<", ">", "\", "^", "`", "{", "|", "}"; beyond ASCII, RFC 3987's ucschar
    /// and iprivate.
    private static func isTemplateLiteral(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v > 0x20 && v != 0x7F && !"\"%<>\\^`{|}".unicodeScalars.contains(c) }
        if v >= 0xE000 && v <= 0xF8FF { return true }  // iprivate, the BMP's private use area
        if v >= 0xF0000 { return (v & 0xFFFF) <= 0xFFFD }  // iprivate, planes 15 and 16
        return isUCSChar(v)
    }

    /// RFC 3987 ucschar: no C1 controls, no noncharacters, no surrogates.
    private static func isUCSChar(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
        case 0x10000...0xEFFFD: return (v & 0xFFFF) <= 0xFFFD && !(0xE0000...0xE0FFF).contains(v)
        default: return false
        }
    }

    private static func isExpression(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = body
        if let first = body.first, "+#./;?&=,!@|".unicodeScalars.contains(first) { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        for spec in body.split(separator: ",", omittingEmptySubsequences: false) {
            var name = spec[...]
            if name.last == "*" {
                name = name.dropLast()
            } else if let colon = name.firstIndex(of: ":") {
                let length = name[(colon + 1)...]
                guard (1...4).contains(length.count), length.allSatisfy({ ("0"..."9").contains($0) }), length.first != "0" else {
                    return false
                }
                name = name[..<colon]
            }
            guard !name.isEmpty, name.first != ".", name.last != "." else { return false }
            var previousDot = false
            for c in name {
                if c == "." {
                    if previousDot { return false }
                    previousDot = true
                    continue
                }
                previousDot = false
                guard c.isASCIILetter || ("0"..."9").contains(c) || c == "_" || c == "%" else { return false }
            }
        }
        return true
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIHexDigit: Bool { value < 0x80 && hexValue(UInt8(value)) != nil }
}
