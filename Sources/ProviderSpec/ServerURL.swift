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

    /// localhost, *.localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine.
    public var isLocalHost: Bool {
        let h = host
        return h == "localhost" || h.hasSuffix(".localhost") || h.hasPrefix("127.") || h == "::1" || h == "0:0:0:0:0:0:0:1"
    }

    public var root: String { "\(scheme)://\(authority)" }

    public func withoutPathSuffix(_ tail: String) -> String {
        root + String(path.dropLast(tail.count)) + suffix
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
