import JSONCore
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    @Test("values of every kind, members in document order")
    func values() throws {
        let v = try JSONParser.value(#"{"b": [1, 2.5, -3e2, true, false, null], "a": "x\"\u00e9\ud83d\ude00", "c": {}}"#)
        #expect(v.objectValue?.keys == ["b", "a", "c"])
        #expect(v["b"] == [1, 2.5, -300, true, false, nil])
        #expect(v["a"] == "x\"é😀")
        #expect(v["c"] == .object(JSONObject()))
        #expect(v["b"]?[1]?.typeName == "number")
        #expect(v["b"]?[0]?.typeName == "integer")
    }

    @Test("JSONC: comments and trailing commas, only when allowed")
    func jsonc() throws {
        let text = """
            // leading comment
            { "a": 1, /* inline */ "b": [1, 2,], }
            """
        #expect(try JSONParser.value(text, options: .jsonc) == ["a": 1, "b": [1, 2]])
        #expect(throws: JSONParseError.self) { try JSONParser.value(text) }
    }

    @Test("errors carry line and column", arguments: [
        ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "expected ':'"),
        ("[1, 2", 1, 6, "unterminated array"),
        ("{\"a\": tru}", 1, 7, "expected a value"),
        ("\"\\x\"", 1, 2, "unknown escape"),
        ("[1] x", 1, 5, "unexpected text"),
        ("", 1, 1, "empty"),
        ("1e400", 1, 1, "out of range"),
        ("\"\u{1}\"", 1, 2, "control character"),
        ("\"\\ud800\"", 1, 2, "surrogate"),
    ] as [(String, Int, Int, String)])
    func errors(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONParser.value(text)
            Issue.record("parsed: \(text)")
        } catch {
            #expect(error.position.line == line)
            #expect(error.position.column == column)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test("nesting deeper than the limit is an error, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.value(deep) }
    }

    @Test("the source map locates values and keys by pointer, columns in Unicode scalars")
    func sourceMap() throws {
        let text = "{\n  \"é\": [10, {\"k\": \"v\"}],\n  \"n\": null\n}"
        let (value, map) = try JSONParser.parse(text)
        let k = try #require(map.location(of: JSONPointer(["é", "1", "k"]), in: value))
        #expect(k.value.start.line == 2)
        #expect(k.value.start.column == 19)
        #expect(k.key?.start.column == 14)
        let n = try #require(map.location(of: JSONPointer(["n"]), in: value))
        #expect(n.value.start == SourcePosition(line: 3, column: 8, offset: 35))
        #expect(Array(Array(text.utf8)[n.value.start.offset..<n.value.end.offset]) == Array("null".utf8))
        // A pointer past the document falls back to the deepest node that exists.
        #expect(map.location(of: JSONPointer(["é", "7"]), in: value)?.value.start.line == 2)
    }

    @Test("duplicate members: the last one wins, as JSON.parse does")
    func duplicates() throws {
        #expect(try JSONParser.value(#"{"a": 1, "a": 2}"#) == ["a": 2])
    }
}

@Suite("JSONValue, JSONObject, JSONPointer, JSONWriter")
struct JSONValueTests {
    @Test("objects compare without order; 1 equals 1.0")
    func equality() {
        #expect(JSONValue(dictionaryLiteral: ("a", 1), ("b", 2)) == JSONValue(dictionaryLiteral: ("b", 2.0), ("a", 1)))
        #expect(JSONValue.number(1) != .string("1"))
        var seen = Set<JSONValue>()
        seen.insert(["a": 1, "b": 2])
        #expect(seen.contains(["b": 2, "a": 1]))
    }

    @Test("large objects keep their order and find keys through the index")
    func largeObject() {
        var o = JSONObject()
        for i in 0..<100 { o.append("k\(i)", .number(Double(i))) }
        #expect(o["k73"] == 73)
        o.remove(at: 0)
        #expect(o["k0"] == nil)
        #expect(o["k99"] == 99)
        #expect(o.keys.first == "k1")
        o["k5"] = nil
        #expect(o.count == 98)
    }

    @Test("pointers escape ~ and / and parse back")
    func pointers() {
        let p = JSONPointer(["a/b", "c~d", "0"])
        #expect(p.description == "/a~1b/c~0d/0")
        #expect(JSONPointer(parsing: p.description) == p)
        #expect(JSONPointer(parsing: "no-slash") == nil)
        #expect(JSONPointer(parsing: "/bad~2") == nil)
        #expect(JSONPointer.arrayIndex("01") == nil)
        #expect(JSONPointer.arrayIndex("10") == 10)
        let doc: JSONValue = ["a/b": ["c~d": [true]]]
        #expect(doc.value(at: JSONPointer(["a/b", "c~d", "0"])) == true)
    }

    @Test("pretty output: 2 spaces, integers without .0, escapes, and it parses back")
    func writer() throws {
        let v: JSONValue = ["n": 4096, "f": 0.5, "s": "tab\t\"q\"\u{1}", "a": [], "o": [:], "l": [1, nil]]
        let text = JSONWriter.pretty(v)
        #expect(text == """
            {
              "n": 4096,
              "f": 0.5,
              "s": "tab\\t\\"q\\"\\u0001",
              "a": [],
              "o": {},
              "l": [
                1,
                null
              ]
            }
            """)
        #expect(try JSONParser.value(text) == v)
        #expect(JSONWriter.compact(v) == #"{"n":4096,"f":0.5,"s":"tab\t\"q\"\u0001","a":[],"o":{},"l":[1,null]}"#)
    }
}
