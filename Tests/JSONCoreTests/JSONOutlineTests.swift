import JSONCore
import Testing

@Suite struct JSONOutlineTests {
    /// Accepted and refused exactly as the parser does, with the same message and position.
    @Test(arguments: [
        "{}", "[]", "1", "\"x\"", "{\"a\": [1, {\"b\": null}], \"c\": true}", "{\"a\": 1,}", "[1,]", "// c\n{\"a\": /* x */ 1}",
        "{\"a\": 1 \"b\": 2}", "{\"a\" 1}", "[1 2]", "{\"a\": \"\u{01}\"}", "{\"a\": \"\\x\"}", "{\"a\": 1e400}", "{\"a\": tru}",
        "{\"a\": \"\\ud800\"}", "{\"a\": [", "", "  ", "{} x", "\u{FEFF}{\"a\": 1}",
    ])
    func agreesWithTheParser(_ text: String) {
        for options in [JSONParser.Options.json, .jsonc] {
            let bytes = Array(text.utf8)
            let parsed = Result { () throws(JSONParseError) in try JSONParser.parse(bytes: bytes, options: options) }
            let outlined = Result { () throws(JSONParseError) in try JSONOutline.read(bytes, options: options, expanding: ["a"]) }
            switch (parsed, outlined) {
            case (.success, .success): break
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(text.debugDescription)")
            default: Issue.record("\(text.debugDescription): parser \(parsed), outline \(outlined)")
            }
            #expect(JSONOutline.isValid(bytes, options: options) == ((try? parsed.get()) != nil))
        }
    }

    @Test func invalidUTF8InASkippedStringIsRefused() {
        let bytes = Array("{\"a\": {\"b\": \"".utf8) + [0xC3, 0x28] + Array("\"}}".utf8)
        #expect(throws: JSONParseError.self) { try JSONOutline.read(bytes, options: .jsonc) }
    }

    @Test func membersWhereTheyWereWrittenAndValuesOnDemand() throws {
        let text = "{\n  \"theme\": \"dark\",\n  \"provider\": {\n    \"a\": {\"x\": 1},\n    \"b\": [2]\n  },\n  \"theme\": \"light\"\n}\n"
        let outline = try JSONOutline.read(Array(text.utf8), options: .jsonc, expanding: ["provider"])
        let root = try #require(outline.root)
        #expect(root.members.map(\.key) == ["theme", "provider", "theme"])
        #expect(outline.topLevelValue("theme") == "light")  // JSON keeps the last
        let providers = try #require(outline.expanded[1])
        #expect(providers.members.map(\.key) == ["a", "b"])
        #expect(outline.value(of: providers.members[0]) == .object(JSONObject([("x", 1)])))
        #expect(String(decoding: outline.raw(providers.members[1].valueRange), as: UTF8.self) == "[2]")
        #expect(outline.position(ofOffset: providers.members[1].start) == SourcePosition(line: 5, column: 5, offset: providers.members[1].start))
        #expect(outline.expanded[0] == nil)
    }
}
