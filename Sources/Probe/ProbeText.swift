internal import JSONCore
public import ProbeWire

/// The text form of a probe report: per provider its two checks, then a table of models with a
/// mark per check, then every failure and note with its fix.
///
/// Summaries quote servers (their error messages, the ids they list): each value is cut at
/// `valueLimit` bytes and shown on its line with its controls visible, so a server can neither
/// flood the output nor colour it, set the terminal's title, or start a line of its own.
public enum ProbeText {
    public static let valueLimit = 1024

    public static func render(_ report: ProbeReport) -> String {
        report.providers.map(render).joined(separator: "\n")
    }

    static let modelChecks: [Check] = [.served, .chat, .stream, .tools]

    /// One value on one line: bounded, controls visible.
    public static func shown(_ text: String) -> String {
        VisibleText.escaped(BoundedText.clipped(text, maxBytes: valueLimit))
    }

    public static func render(_ provider: ProviderResult) -> String {
        var out = "\(shown(provider.id))  \(shown(provider.baseURL))\n"
        for check in provider.checks {
            out += "  \(check.status.mark) \(pad(check.check.rawValue, 10)) \(shown(check.summary))\n"
            if check.status == .fail || check.status == .note, let fix = check.fix { out += "      fix: \(shown(fix))\n" }
        }
        guard !provider.models.isEmpty else { return out }
        let ids = provider.models.map { shown($0.id) }
        let width = max(5, ids.map(\.count).max() ?? 0)
        out += "  " + pad("model", width) + "  " + modelChecks.map { pad($0.rawValue, 7) }.joined(separator: " ") + "\n"
        for (model, id) in zip(provider.models, ids) {
            let marks = modelChecks.map { pad(model.result($0)?.status.mark ?? " ", 7) }.joined(separator: " ")
            out += "  " + pad(id, width) + "  " + marks + "\n"
        }
        for (model, id) in zip(provider.models, ids) {
            for check in model.checks where check.status == .fail || check.status == .note {
                out += "  \(check.status.mark) \(id) \(check.check.rawValue): \(shown(check.summary))\n"
                if let fix = check.fix { out += "      fix: \(shown(fix))\n" }
            }
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `models:` entries for the spec, one per served id.
    public static func modelsBlock(_ ids: [String]) -> String {
        "models:\n" + ids.map { "  - id: \(yamlScalar($0))\n" }.joined()
    }

    /// A plain scalar when YAML reads it back as the same string, else double-quoted.
    static func yamlScalar(_ text: String) -> String {
        let plainSafe = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./@+".contains($0) }
            && !(text.first.map { "-.@".contains($0) || $0.isNumber } ?? true)
            && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        // A JSON string is a valid YAML double-quoted scalar, escapes included.
        return plainSafe ? text : JSONWriter.quoted(text)
    }
}

extension CheckStatus {
    /// The mark of a status in the text form.
    var mark: String {
        switch self {
        case .pass: "✓"
        case .fail: "✗"
        case .note: "!"
        case .skip: "-"
        }
    }
}
