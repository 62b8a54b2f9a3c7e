/// Questions about the raw bytes of a JSONC document between its tokens: where lines start,
/// how they are indented, where the next comma is. Only ever asked about positions outside
/// strings (after a value, around braces), so comment syntax is recognised without a lexer.
struct TextLayout {
    let bytes: [UInt8]

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    private static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")

    /// "\r\n" when the file already uses it, so that inserted lines match.
    var newline: String {
        for i in bytes.indices where bytes[i] == Self.lf {
            return i > 0 && bytes[i - 1] == Self.cr ? "\r\n" : "\n"
        }
        return "\n"
    }

    func lineStart(_ offset: Int) -> Int {
        var i = offset
        while i > 0, bytes[i - 1] != Self.lf { i -= 1 }
        return i
    }

    /// The spaces and tabs that start the line holding `offset`.
    func lineIndent(_ offset: Int) -> String {
        var i = lineStart(offset)
        var out = ""
        while i < bytes.count, bytes[i] == Self.space || bytes[i] == Self.tab {
            out.unicodeScalars.append(Unicode.Scalar(bytes[i]))
            i += 1
        }
        return out
    }

    /// True when only spaces and tabs come before `offset` on its line.
    func isFirstOnLine(_ offset: Int) -> Bool {
        bytes[lineStart(offset)..<offset].allSatisfy { $0 == Self.space || $0 == Self.tab }
    }

    func skipSpaces(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, bytes[i] == Self.space || bytes[i] == Self.tab { i += 1 }
        return i
    }

    /// The first byte at or after `offset` that is neither white space nor inside a comment.
    func nextSignificant(from offset: Int) -> Int? {
        var i = offset
        while i < bytes.count {
            switch bytes[i] {
            case Self.space, Self.tab, Self.lf, Self.cr:
                i += 1
            case Self.slash where i + 1 < bytes.count && bytes[i + 1] == Self.slash:
                while i < bytes.count, bytes[i] != Self.lf { i += 1 }
            case Self.slash where i + 1 < bytes.count && bytes[i + 1] == Self.star:
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == Self.star && bytes[i + 1] == Self.slash) { i += 1 }
                i += 2
            default:
                return i
            }
        }
        return nil
    }

    /// Past a comment that starts at `offset` and ends on the same line: a `//` comment up to
    /// (not including) the line break, or a one-line `/* */`. Else `offset`.
    func skipSameLineComment(from offset: Int) -> Int {
        guard offset + 1 < bytes.count, bytes[offset] == Self.slash else { return offset }
        if bytes[offset + 1] == Self.slash {
            var i = offset
            while i < bytes.count, bytes[i] != Self.lf { i += 1 }
            if i > offset, i < bytes.count, bytes[i - 1] == Self.cr { i -= 1 }
            return i
        }
        if bytes[offset + 1] == Self.star {
            var i = offset + 2
            while i + 1 < bytes.count, bytes[i] != Self.lf {
                if bytes[i] == Self.star, bytes[i + 1] == Self.slash { return i + 2 }
                i += 1
            }
        }
        return offset
    }

    /// When the rest of the line from `offset` is blank or a comment, the offset just past its
    /// line break (or the end of the text); nil when something else follows on the line.
    func endOfBlankLine(from offset: Int) -> Int? {
        var i = skipSpaces(from: offset)
        while true {
            let j = skipSameLineComment(from: i)
            if j == i { break }
            i = skipSpaces(from: j)
        }
        if i == bytes.count { return i }
        if bytes[i] == Self.lf { return i + 1 }
        if bytes[i] == Self.cr, i + 1 < bytes.count, bytes[i + 1] == Self.lf { return i + 2 }
        return nil
    }

    /// Where a member after the one ending at `valueEnd` goes: past its comma and any comment
    /// on the same line, before the line break.
    func endOfMemberLine(after valueEnd: Int) -> (offset: Int, consumedComma: Bool) {
        var i = skipSpaces(from: valueEnd)
        var comma = false
        if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
            comma = true
            i = skipSpaces(from: i + 1)
        }
        while true {
            let j = skipSameLineComment(from: i)
            if j == i { break }
            i = skipSpaces(from: j)
        }
        return (i, comma)
    }

    /// Where to put members before the others: after `{` and a comment on its line; `ownLine`
    /// is false when a member follows on the same line.
    func endOfOpeningLine(after open: Int) -> (offset: Int, ownLine: Bool) {
        let i = skipSameLineComment(from: skipSpaces(from: open))
        if i == bytes.count || bytes[i] == Self.lf || bytes[i] == Self.cr { return (i, true) }
        return (open, false)
    }
}
