import FoundationEssentials
internal import SystemIO

/// OpenSSH's known_hosts format, read the way ssh reads it: plain and `[host]:port` names,
/// `*` and `?` patterns, `!` negations, hashed names (`|1|salt|hash`), and `@revoked` lines.
/// `@cert-authority` lines are skipped: GitSource does not check host certificates.
struct KnownHosts {
    enum Verdict: Equatable {
        case trusted
        case unknown(knownTypes: [String])
        case mismatch
        case revoked
    }

    struct Entry {
        var marker: String?
        var patterns: [String]
        var keyType: String
        var key: [UInt8]
    }

    let entries: [Entry]

    init(contents: String) {
        entries = contents.split(whereSeparator: \.isNewline).compactMap(Self.entry)
    }

    /// nil when the file is missing or unreadable (a FIFO or device there is refused unread).
    init?(path: String) {
        guard let bytes = (try? FileReader.read(path)) ?? nil else { return nil }
        self.init(contents: String(decoding: bytes, as: UTF8.self))
    }

    /// `name` as known_hosts writes it (`host` or `[host]:port`); `key` the raw key blob.
    func verdict(name: String, key: [UInt8]) -> Verdict {
        let keyType = SSHWireReader(key).firstString ?? ""
        let forHost = entries.filter { Self.matches(name: name, patterns: $0.patterns) }
        if forHost.contains(where: { $0.marker == "@revoked" && $0.key == key }) { return .revoked }
        let plain = forHost.filter { $0.marker == nil }
        if plain.contains(where: { $0.key == key }) { return .trusted }
        if plain.contains(where: { $0.keyType == keyType }) { return .mismatch }
        return .unknown(knownTypes: plain.map(\.keyType))
    }

    private static func entry(_ line: Substring) -> Entry? {
        var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = fields.first, !first.hasPrefix("#") else { return nil }
        var marker: String?
        if first.hasPrefix("@") {
            marker = first
            fields.removeFirst()
        }
        guard marker != "@cert-authority", fields.count >= 3,
              let key = Data(base64Encoded: fields[2]) else { return nil }
        return Entry(marker: marker, patterns: fields[0].split(separator: ",").map(String.init),
                     keyType: fields[1], key: Array(key))
    }

    /// A line applies when one pattern matches and no negated pattern does.
    static func matches(name: String, patterns: [String]) -> Bool {
        var matched = false
        for pattern in patterns {
            if pattern.hasPrefix("|1|") {
                if hashedMatch(name: name, entry: pattern) { matched = true }
            } else if pattern.hasPrefix("!") {
                if wildcard(String(pattern.dropFirst()).lowercased(), name.lowercased()) { return false }
            } else if wildcard(pattern.lowercased(), name.lowercased()) {
                matched = true
            }
        }
        return matched
    }

    /// `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`, what HashKnownHosts writes.
    static func hashedMatch(name: String, entry: String) -> Bool {
        let parts = entry.split(separator: "|")
        guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])),
              let hash = Data(base64Encoded: String(parts[2])) else { return false }
        return SHA1.hmac(key: Array(salt), message: Array(name.utf8)) == Array(hash)
    }

    /// ssh's pattern language: `*` any run, `?` any one character.
    static func wildcard(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

extension SSHWireReader {
    var firstString: String? {
        var copy = self
        return copy.string().flatMap { String(bytes: $0, encoding: .utf8) }
    }
}
