import JSONCore

/// How diagnostics are printed: for people, for scripts, for GitHub Actions annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github
}

/// Prints diagnostics. Text output follows swiftc: `file:line:col: error: message`, the source
/// line, a caret under the spot, then the hint. Secret values are never shown.
public struct DiagnosticFormatter: Sendable {
    public var format: DiagnosticFormat
    public var color: Bool

    public init(format: DiagnosticFormat, color: Bool) {
        self.format = format
        self.color = color
    }

    /// The text for one diagnostic, ending in a newline; `source` is the file's bytes if known.
    public func render(_ d: Diagnostic, source: [UInt8]?) -> String {
        switch format {
        case .text: text(d, source: source)
        case .json: json(d) + "\n"
        case .github: github(d) + "\n"
        }
    }

    private func text(_ d: Diagnostic, source: [UInt8]?) -> String {
        let place = d.position.map { "\(d.file):\($0.line):\($0.column)" } ?? d.file
        let label = "\(d.severity.rawValue):"
        var out = paint(place + ":", "1") + " " + paint(label, d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36")
            + " " + paint(d.message, "1") + "\n"
        if let position = d.position, let source, let line = Self.line(at: position.offset, of: source) {
            let shown = mask(line, lineNumber: position.line, secret: d.secretSpan)
            out += shown + "\n"
            let padding = String(shown.unicodeScalars.prefix(max(0, position.column - 1)).map { $0 == "\t" ? "\t" : " " })
            out += padding + paint("^", "1;32") + "\n"
        }
        if let hint = d.hint { out += paint("hint:", "1;36") + " \(hint)\n" }
        return out
    }

    private func json(_ d: Diagnostic) -> String {
        var o = JSONObject()
        o["file"] = .string(d.file)
        if let p = d.position {
            o["line"] = .number(Double(p.line))
            o["column"] = .number(Double(p.column))
        }
        o["severity"] = .string(d.severity.rawValue)
        o["code"] = .string(d.code)
        o["message"] = .string(d.message)
        if let hint = d.hint { o["hint"] = .string(hint) }
        if let pointer = d.pointer { o["pointer"] = .string(pointer.description) }
        return JSONWriter.compact(.object(o))
    }

    private func github(_ d: Diagnostic) -> String {
        let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
        var properties = ["file=\(Self.escapeProperty(d.file))"]
        if let p = d.position {
            properties.append("line=\(p.line)")
            properties.append("col=\(p.column)")
        }
        properties.append("title=\(Self.escapeProperty("provider-sync \(d.code)"))")
        let message = d.hint.map { "\(d.message) (\($0))" } ?? d.message
        return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))"
    }

    private func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// Replaces the part of a secret value on this line with stars.
    private func mask(_ line: String, lineNumber: Int, secret: SourceSpan?) -> String {
        guard let secret, secret.start.line <= lineNumber, lineNumber <= secret.end.line else { return line }
        let scalars = Array(line.unicodeScalars)
        let from = secret.start.line == lineNumber ? min(scalars.count, secret.start.column - 1) : 0
        let to = secret.end.line == lineNumber ? min(scalars.count, max(from, secret.end.column - 1)) : scalars.count
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[..<from])
        out.append(contentsOf: "********".unicodeScalars)
        out.append(contentsOf: scalars[to...])
        return String(out)
    }

    /// The line holding a byte offset, without its line break (or a byte order mark). Found
    /// from the offset, so a large file is not split into lines for each diagnostic.
    static func line(at offset: Int, of source: [UInt8]) -> String? {
        guard offset <= source.count else { return nil }
        let lf = UInt8(ascii: "\n")
        var start = offset
        while start > 0, source[start - 1] != lf { start -= 1 }
        if start == 0, source.starts(with: [0xEF, 0xBB, 0xBF]) { start = min(3, offset) }
        var end = offset
        while end < source.count, source[end] != lf { end += 1 }
        if end > start, source[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: source[start..<end], as: UTF8.self)
    }

    static func escapeData(_ s: String) -> String {
        s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
