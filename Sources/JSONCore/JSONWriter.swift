/// Writes JSON text: compact, or pretty with a fixed indent (what JSON.stringify(v, null, 2)
/// gives, so files this tool creates look like those OpenCode and Openwork write).
public enum JSONWriter {
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, level: 0)
        return out
    }

    public static func pretty(_ value: JSONValue, indent: Int = 2) -> String {
        var out = ""
        write(value, into: &out, indent: String(repeating: " ", count: indent), level: 0)
        return out
    }

    /// Pretty text for a value nested `level` deep, for splicing into an existing document.
    public static func pretty(_ value: JSONValue, indentUnit: String, level: Int) -> String {
        var out = ""
        write(value, into: &out, indent: indentUnit, level: level)
        return out
    }

    static func write(_ value: JSONValue, into out: inout String, indent: String?, level: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): out += quoted(s)
        case .array(let a):
            guard !a.isEmpty else { out += "[]"; return }
            out += "["
            for (i, element) in a.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                write(element, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let o):
            guard !o.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, member) in o.members.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                out += quoted(member.key)
                out += indent == nil ? ":" : ": "
                write(member.value, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    public static func number(_ n: Double) -> String {
        if n.isIntegral, abs(n) < 1e15 { return String(Int64(n)) }
        if !n.isFinite { return "null" }
        return String(n)
    }

    public static func quoted(_ s: String) -> String {
        // Most strings need no escape: copy them whole. 0xE2 leads U+2028 and U+2029, which
        // the slow path escapes (JavaScript treats them as line ends).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
        return out
    }
}
