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
