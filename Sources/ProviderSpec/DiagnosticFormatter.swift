public import JSONCore

/// How diagnostics are printed: for people, for scripts, for GitHub Actions annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github
}

/// Prints diagnostics. Text output follows swiftc: `file:line:col: error: message`, the source
/// line, a caret under the spot, then the hint. Secret values are never shown.
///
/// Everything shown comes from the file, so it is bounded and made visible: the excerpt is a
/// window of about 120 columns around the caret (a 10 MB line prints 120 columns, not 10 MB),
/// a message or hint is cut at 1 KiB, and control characters in any of them are shown as
/// escapes (`\x1b`, `\n`), never raw: a spec cannot recolour the terminal or print a line that
/// CI would read as a command.
public struct DiagnosticFormatter: Sendable {
    public var format: DiagnosticFormat

    /// Columns of the source line shown around the caret.
    public static let excerptWidth = 120
    /// The most bytes of a message or hint shown.
    public static let messageLimit = 1024

    public init(format: DiagnosticFormat) {
        self.format = format
    }

    /// The text for one diagnostic, ending in a newline; `source` is the file's bytes if known.
    public func render(_ d: Diagnostic, source: [UInt8]?) -> String {
        switch format {
        case .text: text(d, source: source).plain
        case .json: json(d) + "\n"
        case .github: github(d) + "\n"
        }
    }

    /// The same with its styles (place, severity, caret) for a terminal, which decides on color.
    public func styled(_ d: Diagnostic, source: [UInt8]?) -> StyledText {
        format == .text ? text(d, source: source) : StyledText(render(d, source: source))
    }

    private func text(_ d: Diagnostic, source: [UInt8]?) -> StyledText {
        let place = d.position.map { "\(Self.visible(d.file)):\($0.line):\($0.column)" } ?? Self.visible(d.file)
        var out = StyledText(place + ":", .bold)
        out.append(" ")
        out.append("\(d.severity.rawValue):", d.severity == .error ? .red : d.severity == .warning ? .yellow : .cyan)
        out.append(" ")
        out.append(Self.visible(d.message), .bold)
        out.append("\n")
        if let position = d.position, let source,
           let excerpt = Self.excerpt(at: position.offset, of: source, secret: d.secretSpan.map { $0.start.offset..<$0.end.offset }) {
            out.append(excerpt.line + "\n")
            out.append(excerpt.padding)
            out.append("^", .green)
            out.append("\n")
        }
        if let hint = d.hint {
            out.append("hint:", .cyan)
            out.append(" \(Self.visible(hint))\n")
        }
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
        o["message"] = .string(Self.bounded(d.message))
        if let hint = d.hint { o["hint"] = .string(Self.bounded(hint)) }
        if let pointer = d.pointer { o["pointer"] = .string(pointer.description) }
        if !d.related.isEmpty {
            o["related"] = .array(d.related.map { place in
                var r = JSONObject()
                r["file"] = .string(place.file)
                if let p = place.start {
                    r["line"] = .number(Double(p.line))
                    r["column"] = .number(Double(p.column))
                }
                return .object(r)
            })
        }
        return JSONWriter.compact(.object(o))
    }

    private func github(_ d: Diagnostic) -> String {
        let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
        var properties = ["file=\(Self.escapeProperty(Self.visible(d.file)))"]
        if let p = d.position {
            properties.append("line=\(p.line)")
            properties.append("col=\(p.column)")
        }
        properties.append("title=\(Self.escapeProperty("provider-sync \(d.code)"))")
        let message = d.hint.map { "\(Self.visible(d.message)) (\(Self.visible($0)))" } ?? Self.visible(d.message)
        return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))"
    }

    /// A message, hint or file name as shown: at most `messageLimit` bytes, controls visible.
    static func visible(_ text: String) -> String {
        VisibleText.escaped(bounded(text))
    }

    static func bounded(_ text: String) -> String {
        BoundedText.clipped(text, maxBytes: messageLimit)
    }

    /// The part of the line holding a byte offset that is shown above the caret: at most
    /// `excerptWidth` scalars around it ("…" where the line goes on), a secret value inside it
    /// replaced with stars, control characters made visible; and the padding that puts a caret
    /// under the offset. Found from the offset, so a large file is never split into lines, and
    /// a long line is not copied whole.
    static func excerpt(at offset: Int, of source: [UInt8], secret: Range<Int>?) -> (line: String, padding: String)? {
        guard offset <= source.count else { return nil }
        let lf = UInt8(ascii: "\n")
        var lineStart = offset
        while lineStart > 0, source[lineStart - 1] != lf { lineStart -= 1 }
        if lineStart == 0, source.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = min(3, offset) }
        var lineEnd = offset
        while lineEnd < source.count, source[lineEnd] != lf { lineEnd += 1 }
        if lineEnd > lineStart, lineEnd > offset, source[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        // Back from the offset by up to half the width, then forward to the whole width.
        var start = offset, scalars = 0
        while start > lineStart, scalars < excerptWidth / 2 {
            start -= 1
            if !UTF8.isContinuation(source[start]) { scalars += 1 }
        }
        var end = min(offset, lineEnd)
        while end < lineEnd, scalars < excerptWidth {
            end += 1
            while end < lineEnd, UTF8.isContinuation(source[end]) { end += 1 }
            scalars += 1
        }
        var starred = false
        let before = shown(source[start..<min(offset, lineEnd)], secret: secret, starred: &starred)
        let after = shown(source[min(offset, lineEnd)..<end], secret: secret, starred: &starred)
        let cutBefore = start > lineStart ? "…" : ""
        let line = cutBefore + before + after + (end < lineEnd ? "…" : "")
        let padding = String((cutBefore + before).unicodeScalars.map { $0 == "\t" ? "\t" : " " })
        return (line, padding)
    }

    /// Bytes of a line as shown: the secret's bytes as one run of stars (`starred` once they
    /// are out), controls visible.
    private static func shown(_ bytes: ArraySlice<UInt8>, secret: Range<Int>?, starred: inout Bool) -> String {
        let range = bytes.startIndex..<bytes.endIndex
        guard let secret, secret.overlaps(range) else { return VisibleText.escaped(String(decoding: bytes, as: UTF8.self)) }
        let lower = max(secret.lowerBound, range.lowerBound), upper = min(secret.upperBound, range.upperBound)
        let head = VisibleText.escaped(String(decoding: bytes[range.lowerBound..<lower], as: UTF8.self))
        let tail = VisibleText.escaped(String(decoding: bytes[upper...], as: UTF8.self))
        defer { starred = true }
        return head + (starred ? "" : "********") + tail
    }

    static func escapeData(_ s: String) -> String {
        s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
