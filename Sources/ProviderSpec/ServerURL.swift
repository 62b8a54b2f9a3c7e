/// The parts of an http(s) URL this tool reasons about, without Foundation's URL (which
/// accepts too much and normalises what users typed). Every delimiter is ASCII, so the text
/// is searched as UTF-8: a spec has one URL per provider, and Character-wise searching showed
/// up in profiles of large specs.
public struct ServerURL: Sendable, Equatable {
    /// "http" or "https", lowercased.
    public var scheme: String
    /// Host and port as typed ("localhost:8000", "[::1]:8080").
    public var authority: String
    /// The path, without query or fragment; "" for a bare server root.
    public var path: String
    /// "?..." and/or "#..." as typed, or "".
    public var suffix: String

    public init?(_ text: String) {
        let utf8 = text.utf8
        guard let sep = Self.firstSchemeSeparator(in: utf8) else { return nil }
        let typed = text[..<sep]
        if Self.equalsIgnoringASCIICase(typed, "http") {
            scheme = "http"
        } else if Self.equalsIgnoringASCIICase(typed, "https") {
            scheme = "https"
        } else {
            return nil
        }
        let rest = text[utf8.index(sep, offsetBy: 3)...]
        let authorityEnd = rest.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? rest.endIndex
        guard authorityEnd > rest.startIndex else { return nil }
        let afterAuthority = rest[authorityEnd...]
        let pathEnd = afterAuthority.utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? afterAuthority.endIndex
        authority = String(rest[..<authorityEnd])
        path = String(afterAuthority[..<pathEnd])
        suffix = String(afterAuthority[pathEnd...])
    }

    /// The host without port, brackets or user info, lowercased.
    public var host: String {
        var h = Substring(authority)
        if let at = h.utf8.lastIndex(of: UInt8(ascii: "@")) { h = h[h.utf8.index(after: at)...] }
        if h.utf8.first == UInt8(ascii: "[") {
            let end = h.utf8.firstIndex(of: UInt8(ascii: "]")) ?? h.endIndex
            return h[h.utf8.index(after: h.startIndex)..<end].lowercased()
        }
        if let colon = h.utf8.lastIndex(of: UInt8(ascii: ":")) { h = h[..<colon] }
        return h.lowercased()
    }

    /// What is written before the host's '@' ("user:password"), or nil.
    public var userInfo: Substring? {
        guard let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        return authority[..<at]
    }

    /// The names of the query's parameters, in order ("?a=1&b" gives a, b).
    public var queryParameterNames: [String] {
        guard suffix.utf8.first == UInt8(ascii: "?") else { return [] }
        let query = suffix.utf8.dropFirst().prefix { $0 != UInt8(ascii: "#") }
        return query.split(separator: UInt8(ascii: "&")).map { pair in
            String(decoding: pair.prefix { $0 != UInt8(ascii: "=") }, as: UTF8.self)
        }
    }

    /// Why the host and port cannot be connected to as written, or nil: an IPv6 address
    /// without its closing ']', an empty host, a port that is not a number from 1 to 65535.
    public var authorityProblem: String? {
        var h = Substring(authority)
        if let at = h.utf8.lastIndex(of: UInt8(ascii: "@")) { h = h[h.utf8.index(after: at)...] }
        var port: Substring?
        if h.utf8.first == UInt8(ascii: "[") {
            guard let close = h.utf8.firstIndex(of: UInt8(ascii: "]")) else {
                return "the IPv6 address has no closing ']'"
            }
            let inner = h[h.utf8.index(after: h.startIndex)..<close]
            // Hex digits, ':' and '.' (an embedded IPv4), and a zone after '%' ("%25eth0").
            guard inner.utf8.contains(UInt8(ascii: ":")), inner.utf8.allSatisfy({ Self.isAddressByte($0) }) else {
                return "'[\(inner)]' is not an IPv6 address"
            }
            let rest = h[h.utf8.index(after: close)...]
            if rest.isEmpty { return nil }
            guard rest.utf8.first == UInt8(ascii: ":") else { return "after the IPv6 address's ']' only ':port' may follow" }
            port = rest.dropFirst()
        } else {
            if h.utf8.contains(UInt8(ascii: "]")) { return "a ']' without an opening '['" }
            if let colon = h.utf8.lastIndex(of: UInt8(ascii: ":")) {
                port = h[h.utf8.index(after: colon)...]
                h = h[..<colon]
            }
            if h.isEmpty { return "the host is empty" }
        }
        if let port {
            // Empty is the scheme's default port, as WHATWG URLs read it.
            guard port.isEmpty || (port.utf8.count <= 5 && port.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
                && Int(port).map { (1...65535).contains($0) } == true) else {
                return "the port '\(port)' is not a number from 1 to 65535"
            }
        }
        return nil
    }

    private static func isAddressByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: ":") || b == UInt8(ascii: ".") || b == UInt8(ascii: "%")
    }

    /// localhost, *.localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine.
    public var isLocalHost: Bool {
        let h = host
        return h == "localhost" || h.hasSuffix(".localhost") || h.hasPrefix("127.") || h == "::1" || h == "0:0:0:0:0:0:0:1"
    }

    public var root: String { "\(scheme)://\(authority)" }

    /// The URL without `tail` at the end of its path, and without what the spec refuses in a
    /// URL anyway (user info, query, fragment): a hint that quotes it never repeats a secret.
    public func withoutPathSuffix(_ tail: String) -> String {
        var hostAndPort = Substring(authority)
        if let at = hostAndPort.utf8.lastIndex(of: UInt8(ascii: "@")) { hostAndPort = hostAndPort[hostAndPort.utf8.index(after: at)...] }
        return "\(scheme)://\(hostAndPort)" + String(path.utf8.dropLast(tail.utf8.count))!
    }

    /// Where the first "://" starts.
    private static func firstSchemeSeparator(in utf8: String.UTF8View) -> String.Index? {
        var i = utf8.startIndex
        while let colon = utf8[i...].firstIndex(of: UInt8(ascii: ":")) {
            let rest = utf8[colon...].dropFirst()
            if rest.starts(with: "//".utf8) { return colon }
            i = rest.startIndex
        }
        return nil
    }

    private static func equalsIgnoringASCIICase(_ s: Substring, _ lowercase: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        return s.utf8.count == expected.count
            && zip(s.utf8, expected).allSatisfy { a, b in a == b || (a >= 0x41 && a <= 0x5A && a + 0x20 == b) }
    }
}
