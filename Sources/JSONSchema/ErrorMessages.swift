internal import JSONCore

/// Wording of validation messages, kept in one place so they read alike.
enum ErrorMessages {
    static func article(_ type: String) -> String {
        switch type {
        case "null": "null"
        case "integer", "object", "array": "an \(type)"
        default: "a \(type)"
        }
    }

    /// "a string", "a string or null", "an object, an array or null".
    static func typeList(_ names: [String]) -> String {
        let described = names.map(article)
        guard described.count > 1 else { return described.first ?? "nothing" }
        return described.dropLast().joined(separator: ", ") + " or " + described.last!
    }

    static func value(_ v: JSONValue) -> String {
        let text = JSONWriter.compact(v)
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    static func number(_ n: Double) -> String { JSONWriter.number(n) }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "\(n) \(word)" : "\(n) \(word)s" }

    static func properties(_ n: Int) -> String { n == 1 ? "1 property" : "\(n) properties" }
}
