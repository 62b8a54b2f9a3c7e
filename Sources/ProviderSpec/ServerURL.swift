import Foundation

/// The parts of an http(s) URL this tool reasons about, without Foundation's URL (which
/// accepts too much and normalises what users typed).
public struct ServerURL: Sendable, Equatable {
    public var scheme: String
    /// Host and port as typed ("localhost:8000", "[::1]:8080").
    public var authority: String
    /// The path, without query or fragment; "" for a bare server root.
    public var path: String
    /// "?..." and/or "#..." as typed, or "".
    public var suffix: String

    public init?(_ text: String) {
        guard let sep = text.range(of: "://") else { return nil }
        let scheme = text[..<sep.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[sep.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard authorityEnd > rest.startIndex else { return nil }
        let afterAuthority = rest[authorityEnd...]
        let pathEnd = afterAuthority.firstIndex { $0 == "?" || $0 == "#" } ?? afterAuthority.endIndex
        self.scheme = scheme
        self.authority = String(rest[..<authorityEnd])
        self.path = String(afterAuthority[..<pathEnd])
        self.suffix = String(afterAuthority[pathEnd...])
    }

    /// The host without port, brackets or user info, lowercased.
    public var host: String {
        var h = Substring(authority)
        if let at = h.lastIndex(of: "@") { h = h[h.index(after: at)...] }
        if h.hasPrefix("[") {
            let end = h.firstIndex(of: "]") ?? h.endIndex
            return String(h[h.index(after: h.startIndex)..<end]).lowercased()
        }
        if let colon = h.lastIndex(of: ":") { h = h[..<colon] }
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
}
