/// Credentials written into URLs: a password in the user info (`https://user:pass@host`) and a
/// token in a query parameter (`?api_key=...`, Azure's `&sig=...`). The spec refuses them and
/// the redactor masks them wherever they show up; both ask this one place what counts.
public enum URLCredentials {
    /// Whether a query parameter (or `queryParams` key) of this name carries a secret: names
    /// holding key, token, secret, password, auth, credential, signature, session, bearer, jwt
    /// (case, '-', '_' and '.' ignored), and the short ones sig, pass, pw, pwd, otp.
    public static func isSecretParameter(_ name: String) -> Bool {
        let folded = String(String.UnicodeScalarView(name.unicodeScalars.compactMap { s -> UnicodeScalar? in
            guard s.isASCII else { return s }
            let b = UInt8(s.value)
            if b >= 0x41 && b <= 0x5A { return UnicodeScalar(b + 0x20) }
            return (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) ? s : nil
        }))
        if ["sig", "pass", "pw", "pwd", "otp"].contains(folded) { return true }
        return ["key", "token", "secret", "passw", "auth", "credential", "signature", "session", "bearer", "jwt"]
            .contains { folded.utf8.contains(subsequence: $0.utf8) }
    }

    /// Byte ranges of secrets written in URLs inside `bytes`: the password of each
    /// `scheme://user:password@`, and the value of each token-like `?name=` or `&name=`.
    public static func secretRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ":"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") {
                if let password = password(in: bytes, authorityStart: i + 3) { ranges.append(password) }
                i += 3
                continue
            }
            if b == UInt8(ascii: "?") || b == UInt8(ascii: "&"), let value = secretValue(in: bytes, nameStart: i + 1) {
                ranges.append(value)
                i = value.upperBound
                continue
            }
            i += 1
        }
        return ranges
    }

    /// The password of the user info starting at `start`, up to the authority's end.
    private static func password(in bytes: [UInt8], authorityStart start: Int) -> Range<Int>? {
        var end = start
        while end < bytes.count, !endsAuthority(bytes[end]) { end += 1 }
        guard let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")),
              let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at
        else { return nil }
        return (colon + 1)..<at
    }

    /// The value of a `name=value` starting at `start` when the name is token-like.
    private static func secretValue(in bytes: [UInt8], nameStart start: Int) -> Range<Int>? {
        var equals = start
        while equals < bytes.count, isNameByte(bytes[equals]) { equals += 1 }
        guard equals > start, equals < bytes.count, bytes[equals] == UInt8(ascii: "=") else { return nil }
        let name = String(decoding: bytes[start..<equals], as: UTF8.self)
        guard isSecretParameter(name) else { return nil }
        var end = equals + 1
        while end < bytes.count, !endsValue(bytes[end]) { end += 1 }
        return end > equals + 1 ? (equals + 1)..<end : nil
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "%")
    }

    /// Where an authority ends in running text: a path, query, fragment, space or quote.
    private static func endsAuthority(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x7F || "/?#\"'<>\\`".utf8.contains(b)
    }

    /// Where a query value ends in running text.
    private static func endsValue(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x7F || "&#\"'<>\\`,;)]}".utf8.contains(b)
    }
}

extension Sequence where Element: Equatable {
    /// Whether `needle` occurs as a contiguous run.
    func contains<C: Collection>(subsequence needle: C) -> Bool where C.Element == Element {
        let haystack = Array(self)
        let n = Array(needle)
        guard !n.isEmpty else { return true }
        guard haystack.count >= n.count else { return false }
        return (0...(haystack.count - n.count)).contains { haystack[$0..<($0 + n.count)].elementsEqual(n) }
    }
}
