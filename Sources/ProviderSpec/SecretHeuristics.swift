/// Recognises credentials written into a spec, and OpenCode's `{env:...}` / `{file:...}`
/// references, which are not credentials.
enum SecretHeuristics {
    static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "x-auth-token", "x-goog-api-key", "cookie",
    ]
    static let knownKeyPrefixes = ["sk-", "sk_", "hf_", "ghp_", "gho_", "github_pat_", "xoxb-", "xoxp-", "glpat-", "AKIA", "AIza"]

    static func looksLikeCredential(headerName: String, value: String) -> Bool {
        let trimmed = value.trimmingSpaces
        if trimmed.isEmpty || OpenCodeReference.isPureReference(trimmed) { return false }
        let lowered = trimmed.lowercased()
        for scheme in ["bearer ", "basic ", "token "] where lowered.hasPrefix(scheme) {
            return !OpenCodeReference.isPureReference(String(trimmed.dropFirst(scheme.count)).trimmingSpaces)
        }
        if credentialHeaders.contains(headerName.lowercased()) { return true }
        return looksLikeKey(trimmed)
    }

    /// A known key format: a vendor prefix and enough characters after it. Compared by
    /// scalars: as Characters, a prefix followed by a combining mark would not match.
    static func looksLikeKey(_ text: String) -> Bool {
        knownKeyPrefixes.contains { prefix in
            text.unicodeScalars.starts(with: prefix.unicodeScalars) && text.unicodeScalars.count >= prefix.unicodeScalars.count + 12
        }
    }
}

/// OpenCode substitutes `{env:VAR}` and `{file:PATH}` inside config strings.
enum OpenCodeReference {
    static func envVariable(in text: String) -> String? { inner(text, "{env:") }
    static func filePath(in text: String) -> String? { inner(text, "{file:") }

    static func isPureReference(_ text: String) -> Bool { envVariable(in: text) != nil || filePath(in: text) != nil }

    private static func inner(_ text: String, _ opening: String) -> String? {
        let t = text.trimmingSpaces
        guard t.hasPrefix(opening), t.hasSuffix("}"), t.count > opening.count + 1 else { return nil }
        return String(t.dropFirst(opening.count).dropLast())
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[start...end])
    }
}
