/// Untrusted text (a server's answer, a value of a spec, a file's content) as a person sees it:
/// control characters become visible escapes, so that they cannot recolour the terminal, set
/// its title, move the cursor, or start a line that CI reads as a command (`::error ...`).
///
/// C0 controls are shown as `\x1b`, `\r`, `\n`; DEL, C1 controls and the bidirectional
/// overrides and isolates as `\u009b`, `\u202e`, which inside a JSON string is the JSON escape of
/// the same character (so JSON output stays JSON after this pass). Tabs stay; a backslash stays.
public enum VisibleText {
    /// `text` with every control shown as an escape. `keepingLineBreaks`: "\n" stays, for a
    /// whole output whose lines are the tool's own (values inside it were escaped whole).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.utf8.contains(where: { mayStartControl($0, keepingLineBreaks: keepingLineBreaks) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let escape = escape(scalar, keepingLineBreaks: keepingLineBreaks) {
                out.append(contentsOf: escape.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` with each line that GitHub Actions would run as a workflow command (its first
    /// non-blank characters are "::", as in `::error file=...::`) shown with its first ':' as
    /// `\x3a`. For whole outputs whose lines may carry text from elsewhere; `validate --format
    /// github`, whose commands are meant, does not go through it.
    public static func defusingWorkflowCommands(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let colon = UInt8(ascii: ":")
        var lineStart = true
        var cuts: [Int] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                lineStart = true
            } else if lineStart, b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") {
                // Leading blanks: the runner trims them.
            } else {
                if lineStart, b == colon, i + 1 < bytes.count, bytes[i + 1] == colon { cuts.append(i) }
                lineStart = false
            }
            i += 1
        }
        guard !cuts.isEmpty else { return text }
        var out: [UInt8] = []
        var cursor = 0
        for cut in cuts {
            out += bytes[cursor..<cut]
            out += "\\x3a".utf8
            cursor = cut + 1
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` has a character `escaped` would change (line breaks included).
    public static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { escape($0, keepingLineBreaks: false) != nil }
    }

    /// The escape of one scalar, or nil when it is shown as it is.
    static func escape(_ s: UnicodeScalar, keepingLineBreaks: Bool) -> String? {
        switch s.value {
        case 0x09: return nil
        case 0x0A: return keepingLineBreaks ? nil : "\\n"
        case 0x0D: return "\\r"
        case 0x00..<0x20: return "\\x" + hex(s.value, digits: 2)
        case 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return "\\u" + hex(s.value, digits: 4)
        default: return nil
        }
    }

    /// A byte that is, or begins, a character `escape` changes: C0, DEL, 0xC2 (C1 controls are
    /// C2 80-9F) and 0xE2 (U+202A... and U+2066...). A cheap first pass over text that has none.
    private static func mayStartControl(_ byte: UInt8, keepingLineBreaks: Bool) -> Bool {
        (byte < 0x20 && byte != 0x09 && !(keepingLineBreaks && byte == 0x0A)) || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
