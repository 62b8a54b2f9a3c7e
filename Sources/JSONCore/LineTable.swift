/// Which characters end a line. Positions must count lines as the parser that reports errors
/// does, or a diagnostic and a parse error would disagree about the same place.
public enum LineBreaks: Sendable {
    /// LF only (a CR before it belongs to the line), as the JSON parser counts.
    case lf
    /// LF, CR, CR LF, NEL, LS and PS, as libyaml counts.
    case yaml
}

/// The byte offset where each line of a UTF-8 text starts, to turn offsets into line and
/// column on demand. Line 1 starts after a byte order mark, which no parser counts as a column.
struct LineTable: Sendable {
    private var starts: [UInt32] = []

    init(_ text: [UInt8], breaks: LineBreaks) {
        let bom = text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF
        starts.append(bom ? 3 : 0)
        // Lines run ~25 bytes in specs and configs: reserve about that, so the table is not
        // regrown. A large JSON text (a config of many providers, lines of ~20 bytes) counts its
        // line feeds first: a regrown table of a 30 MiB file held 10 MB where 6 were used.
        if breaks == .lf && text.count > 1 << 20 {
            starts.reserveCapacity(text.reduce(into: 1) { count, byte in if byte == 0x0A { count += 1 } })
        } else {
            starts.reserveCapacity(text.count / 24 + 1)
        }
        text.withUnsafeBufferPointer { b in
            var i = bom ? 3 : 0
            while i < b.count {
                // Most bytes start no break: look at eight at a time, and go to the first that may.
                if i + 8 <= b.count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
                    let candidates = Self.breakCandidates(word, breaks)
                    if candidates == 0 {
                        i += 8
                        continue
                    }
                    i += candidates.trailingZeroBitCount / 8
                }
                let c = b[i]
                i += 1
                // Every break starts with one of these bytes; most bytes are none of them.
                guard c == 0x0A || c == 0x0D || c == 0xC2 || c == 0xE2 else { continue }
                switch breaks {
                case .lf:
                    if c == 0x0A { starts.append(UInt32(i)) }
                case .yaml:
                    if c == 0x0A {
                        starts.append(UInt32(i))
                    } else if c == 0x0D {
                        if i < b.count, b[i] == 0x0A { i += 1 }
                        starts.append(UInt32(i))
                    } else if c == 0xC2, i < b.count, b[i] == 0x85 {  // NEL
                        i += 1
                        starts.append(UInt32(i))
                    } else if c == 0xE2, i + 1 < b.count, b[i] == 0x80, b[i + 1] == 0xA8 || b[i + 1] == 0xA9 {  // LS, PS
                        i += 2
                        starts.append(UInt32(i))
                    }
                }
            }
        }
    }

    /// The bytes of `word` (first byte lowest) that may start a line break, as their high bits:
    /// LF, and for YAML also CR or any byte of 0x80 and up (NEL, LS and PS start with 0xC2 or
    /// 0xE2). Only the lowest bit set is sure to be right, and it is all the caller uses.
    @inline(__always)
    private static func breakCandidates(_ word: UInt64, _ breaks: LineBreaks) -> UInt64 {
        switch breaks {
        case .lf: bytes(of: word, equalTo: 0x0A)
        case .yaml: bytes(of: word, equalTo: 0x0A) | bytes(of: word, equalTo: 0x0D) | word & 0x8080_8080_8080_8080
        }
    }

    /// The classic zero-byte test on word XOR byte: a high bit for each byte equal to `byte`,
    /// exact up to the first such byte (a borrow may mark bytes after it).
    @inline(__always)
    private static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & 0x8080_8080_8080_8080
    }

    /// The position of a byte offset; the column counts the Unicode scalars before it on its line.
    func position(of offset: Int, in text: [UInt8]) -> SourcePosition {
        // The last line that starts at or before the offset.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if Int(starts[mid]) <= offset { low = mid } else { high = mid }
        }
        let start = min(Int(starts[low]), offset)
        var column = 1
        for i in start..<min(offset, text.count) where text[i] & 0xC0 != 0x80 { column += 1 }
        return SourcePosition(line: low + 1, column: column, offset: offset)
    }
}
