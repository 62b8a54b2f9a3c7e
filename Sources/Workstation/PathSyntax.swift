/// Paths as text, by each platform's rules (lexical only: nothing here looks at the disk).
enum PathSyntax {
    static func isAbsolute(_ path: String, on platform: Platform) -> Bool {
        if path.hasPrefix("/") { return true }
        guard platform == .windows else { return false }
        if path.hasPrefix("\\") { return true }  // \\server\share or \rooted
        let chars = Array(path.prefix(3))
        return chars.count == 3 && chars[0].isLetter && chars[1] == ":" && (chars[2] == "\\" || chars[2] == "/")
    }

    /// Joins parts with the platform's separator, without doubling one a part already has.
    static func join(_ parts: [String], on platform: Platform) -> String {
        let separator = platform.separator
        var out = ""
        for part in parts where !part.isEmpty {
            if out.isEmpty {
                out = part
                continue
            }
            if !isSeparator(out.last, on: platform) { out.append(separator) }
            out += part.drop { isSeparator($0, on: platform) }
        }
        return out
    }

    /// "/a/b/" -> "/a/b"; a root stays a root.
    static func trimmingTrailingSeparators(_ path: String, on platform: Platform) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, isSeparator(trimmed.last, on: platform) { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// The folder part of `path` ("/a/b" -> "/a", "b" -> ".").
    static func parent(of path: String, on platform: Platform) -> String {
        let trimmed = trimmingTrailingSeparators(path, on: platform)
        guard let last = trimmed.lastIndex(where: { isSeparator($0, on: platform) }) else { return "." }
        return last == trimmed.startIndex ? String(trimmed[...last]) : String(trimmed[..<last])
    }

    static func isSeparator(_ character: Character?, on platform: Platform) -> Bool {
        character == "/" || (platform == .windows && character == "\\")
    }
}
