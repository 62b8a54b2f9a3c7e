internal import CYAML
internal import JSONCore

/// Turns libyaml marks into `SourcePosition`s. libyaml gives a 0-based line and column (the
/// column counts code points, as ours does) and an index that counts code points too, while
/// offsets must count UTF-8 bytes: so a cursor walks the text to convert indexes. Events come
/// in order, so the walk is linear overall; it can also step back (block collection ends and
/// error marks may lie behind the cursor).
struct Positions {
    private let text: UnsafeBufferPointer<UInt8>
    /// Bytes of the input before `text` (a byte order mark), added to every offset.
    private let offsetBase: Int
    /// Below this index every character is one byte, so index == offset and no walk is needed.
    private let asciiPrefix: Int
    private var cursorIndex: Int
    private var cursorOffset: Int

    init(text: UnsafeBufferPointer<UInt8>, offsetBase: Int) {
        self.text = text
        self.offsetBase = offsetBase
        asciiPrefix = Self.asciiPrefixLength(text)
        cursorIndex = asciiPrefix
        cursorOffset = asciiPrefix
    }

    mutating func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: mark.line + 1, column: mark.column + 1, offset: offset(mark))
    }

    /// The byte offset of a mark in the whole input: all the source map records.
    mutating func offset(_ mark: yaml_mark_t) -> Int {
        offset(ofIndex: mark.index) + offsetBase
    }

    private mutating func offset(ofIndex index: Int) -> Int {
        if index <= asciiPrefix { return index }
        // libyaml has validated the UTF-8 up to any mark it reports, so lead bytes are reliable.
        while cursorIndex < index, cursorOffset < text.count {
            let lead = text[cursorOffset]
            cursorOffset = min(cursorOffset + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4), text.count)
            cursorIndex += 1
        }
        while cursorIndex > index, cursorOffset > asciiPrefix {
            cursorOffset -= 1
            while cursorOffset > asciiPrefix, text[cursorOffset] & 0xC0 == 0x80 { cursorOffset -= 1 }
            cursorIndex -= 1
        }
        return cursorOffset
    }

    /// Whether the byte at a whole-input offset is a tab among the blanks that start its line:
    /// YAML forbids tabs for indentation, and libyaml only says it found a character that
    /// cannot start a token.
    func isIndentationTab(atOffset offset: Int) -> Bool {
        let i = offset - offsetBase
        guard i >= 0, i < text.count else { return false }
        var start = i
        while start > 0, text[start - 1] == 0x20 || text[start - 1] == 0x09 { start -= 1 }
        let atLineStart = start == 0 || text[start - 1] == 0x0A || text[start - 1] == 0x0D
        return atLineStart && text[start..<(i + 1)].contains(0x09) && (text[i] == 0x09 || text[i] == 0x20)
    }

    /// The position of a byte offset into `text`, for libyaml's reader errors, which give only
    /// an offset. Counts lines as libyaml does (LF, CR, CR LF, NEL, LS, PS), so positions agree
    /// with its marks. Walks from the start: only used once, for an error.
    func position(ofByte target: Int) -> SourcePosition {
        var line = 1
        var column = 1
        var i = 0
        let end = min(target, text.count)
        while i < end {
            let b = text[i]
            var width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            var isBreak = false
            if b == 0x0A {
                isBreak = true
            } else if b == 0x0D {
                isBreak = true
                if i + 1 < text.count, text[i + 1] == 0x0A { width = 2 }
            } else if b == 0xC2, i + 1 < text.count, text[i + 1] == 0x85 {
                isBreak = true
            } else if b == 0xE2, i + 2 < text.count, text[i + 1] == 0x80, text[i + 2] == 0xA8 || text[i + 2] == 0xA9 {
                isBreak = true
            }
            if b & 0xC0 == 0x80 { width = 1 }  // a stray continuation byte: step over it alone
            if isBreak {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += width
        }
        return SourcePosition(line: line, column: column, offset: end + offsetBase)
    }

    /// The length of the leading run of ASCII bytes, eight bytes at a time.
    private static func asciiPrefixLength(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = text.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= text.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < text.count, text[i] < 0x80 { i += 1 }
        return i
    }
}
