import JSONCore
import Testing

/// "line:column" of a byte offset, as a map over `text` works it out.
private func at(_ offset: Int, in text: [UInt8], _ breaks: LineBreaks = .yaml) -> String {
    let p = SourceMap(text: text, lineBreaks: breaks).position(ofOffset: offset)
    return "\(p.line):\(p.column)"
}

@Suite("Source map: line and column from byte offsets")
struct SourceMapTests {
    @Test("columns count Unicode scalars, not bytes")
    func multiByte() {
        // é is 2 bytes, 日 3, 🦙 4: each is one column.
        let text = Array("é日🦙x\ny".utf8)
        #expect(at(0, in: text) == "1:1")
        #expect(at(2, in: text) == "1:2")
        #expect(at(5, in: text) == "1:3")
        #expect(at(9, in: text) == "1:4")
        #expect(at(10, in: text) == "1:5")  // the line break itself
        #expect(at(11, in: text) == "2:1")
        #expect(at(12, in: text) == "2:2")  // the end of the text
    }

    @Test("a tab is one column")
    func tabs() {
        let text = Array("\t\ta: 1\n\tb".utf8)
        #expect(at(2, in: text) == "1:3")
        #expect(at(8, in: text) == "2:2")
    }

    @Test("CR LF is one break; the CR is the end of its line")
    func crlf() {
        let text = Array("a\r\nbé\r\nc".utf8)
        for breaks in [LineBreaks.lf, .yaml] {
            #expect(at(1, in: text, breaks) == "1:2")
            #expect(at(3, in: text, breaks) == "2:1")
            #expect(at(6, in: text, breaks) == "2:3")
            #expect(at(8, in: text, breaks) == "3:1")
        }
    }

    @Test("YAML also breaks at a lone CR, NEL, LS and PS; JSON only at LF")
    func otherBreaks() {
        let text = Array("a\rb\u{85}c\u{2028}d\u{2029}e".utf8)
        #expect(at(2, in: text, .yaml) == "2:1")
        #expect(at(5, in: text, .yaml) == "3:1")
        #expect(at(9, in: text, .yaml) == "4:1")
        #expect(at(13, in: text, .yaml) == "5:1")
        #expect(at(13, in: text, .lf) == "1:9")
    }

    @Test("a byte order mark is counted in offsets but not as a column")
    func byteOrderMark() {
        let text: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab\ncd".utf8)
        #expect(at(3, in: text) == "1:1")
        #expect(at(4, in: text) == "1:2")
        #expect(at(7, in: text) == "2:2")
    }

    @Test("every offset of mixed texts agrees with counting scalar by scalar", arguments: [LineBreaks.lf, .yaml])
    func agreesWithNaiveCount(breaks: LineBreaks) {
        // Pieces that end lines, look like they might (multi-byte lead bytes), or do not; mixed
        // so that breaks fall at every place of the eight-byte words the table is scanned in.
        let pieces = ["a", "bc", "\n", "\r", "\r\n", "é", "日", "🦙", "\u{85}", "\u{2028}", "\u{2029}", "\t", "xyzxyzxyz"]
        var seed: UInt64 = 42
        for _ in 0..<50 {
            var text = ""
            for _ in 0..<60 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            let bytes = Array(text.utf8)
            let map = SourceMap(text: bytes, lineBreaks: breaks)
            // A CR before an LF counts as a column of its line, the LF ends it (a place between
            // the two is never reported, but must not break anything).
            let scalars = Array(text.unicodeScalars)
            var line = 1, column = 1, offset = 0
            for (i, scalar) in scalars.enumerated() {
                #expect(map.position(ofOffset: offset) == SourcePosition(line: line, column: column, offset: offset))
                let endsLine = switch breaks {
                case .lf: scalar == "\n"
                case .yaml: ["\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
                    || (scalar == "\r" && (i + 1 == scalars.count || scalars[i + 1] != "\n"))
                }
                if endsLine {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += String(scalar).utf8.count
            }
            #expect(map.position(ofOffset: offset) == SourcePosition(line: line, column: column, offset: offset))
        }
    }

    @Test("the parser's map gives every node's span, positions worked out on demand")
    func parsedSpans() throws {
        let text = "\u{FEFF}{\r\n\t\"é\": [1, \"日本\"],\r\n\t\"b\": true\r\n}"
        let (value, map) = try JSONParser.parse(text)
        #expect(map.count == 5)
        #expect(map[0].descendants == 4)
        let key = try #require(map.location(of: JSONPointer(["é"]), in: value)?.key)
        #expect("\(key.start)-\(key.end)" == "2:2-2:5")
        #expect(key.start.offset == 7)
        #expect(key.end.offset == 11)
        let element = try #require(map.location(of: JSONPointer(["é", "1"]), in: value)?.value)
        #expect("\(element.start)-\(element.end)" == "2:11-2:15")
        #expect(element.end.offset - element.start.offset == 8)
        let b = try #require(map.location(of: JSONPointer(["b"]), in: value))
        #expect("\(b.value.start)-\(b.value.end)" == "3:7-3:11")
        #expect(map[0].value.end.line == 4)
    }

    @Test("parse errors are placed from the offset too")
    func errorPosition() throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse("{\n  \"é\": tru\n}") }
        #expect("\(error.position)" == "2:8")
        #expect(error.position.offset == 10)  // é is two bytes
    }
}
