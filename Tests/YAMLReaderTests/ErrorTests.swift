import JSONCore
import Testing
import YAMLReader

@Suite("Errors: kind, position, message")
struct ErrorTests {
    @Test("a duplicate key points at the second one and names the line of the first")
    func duplicateKey() throws {
        let e = try #require(failure("a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n"))
        #expect(e.kind == .duplicateKey)
        #expect(at(e.position) == "5:3@24")
        #expect(e.message.contains("'x'"))
        #expect(e.message.contains("line 3"))
        let flow = try #require(failure("{a: 1, b: 2, a: 3}"))
        #expect(flow.kind == .duplicateKey)
        #expect(at(flow.position) == "1:14@13")
        #expect(flow.message.contains("line 1"))
        // Quoting does not make a key different.
        #expect(failure("a: 1\n'a': 2\n")?.kind == .duplicateKey)
    }

    @Test("keys that differ only in their code points are two keys, not a duplicate")
    func canonicallyEquivalentKeys() throws {
        // "\u{E9}" and "e\u{301}" look alike and are equal to Swift's ==, not to JSON.
        let doc = try read("\u{E9}: 1\ne\u{301}: 2\n\u{212A}: 3\nK: 4\n")
        let object = try #require(doc.value.objectValue)
        #expect(object.count == 4)
        #expect(object["e\u{301}"] == 2)
        #expect(object["K"] == 4)
        #expect(failure("\u{E9}: 1\n\"\\u00E9\": 2\n")?.kind == .duplicateKey)
    }

    @Test("a duplicate in a large mapping, after nested members")
    func duplicateKeyLarge() throws {
        var text = ""
        for i in 0..<40 { text += "k\(i):\n  - [\(i), {x: y}]\n" }
        text += "k7: again\n"
        let e = try #require(failure(text))
        #expect(e.kind == .duplicateKey)
        #expect(at(e.position).hasPrefix("81:1@"))
        #expect(e.message.contains("line 15"))
    }

    @Test(
        "keys that are not strings",
        arguments: [
            ("1: a\n", "1:1@0", "integer"), ("true: a\n", "1:1@0", "boolean"), ("null: a\n", "1:1@0", "null"),
            ("x: 1\n~: a\n", "2:1@5", "null"), ("1.5: a\n", "1:1@0", "float"), ("{? : a}", "1:4@3", "null"),
            ("!!int 3: a\n", "1:1@0", "!!int"), (".inf: a\n", "1:1@0", "float"), ("0x10: a\n", "1:1@0", "integer"),
        ])
    func nonStringScalarKeys(_ text: String, _ position: String, _ type: String) throws {
        let e = try #require(failure(text))
        #expect(e.kind == .nonStringKey)
        #expect(at(e.position) == position)
        #expect(e.message.contains(type))
        #expect(e.message.contains("quote"))
    }

    @Test("quoted and !!str keys are strings")
    func stringKeys() throws {
        let doc = try read("'1': a\n\"true\": b\n!!str null: c\nyes: d\n")
        #expect(doc.value == ["1": "a", "true": "b", "null": "c", "yes": "d"])
    }

    @Test("collections as keys")
    func collectionKeys() throws {
        let seq = try #require(failure("a: 1\n[x, y]: 2\n"))
        #expect(seq.kind == .nonStringKey)
        #expect(at(seq.position) == "2:1@5")
        let map = try #require(failure("? {a: 1}\n: 2\n"))
        #expect(map.kind == .nonStringKey)
        #expect(at(map.position) == "1:3@2")
    }

    @Test("a second document is an error at its start")
    func multipleDocuments() throws {
        let e = try #require(failure("a: 1\n---\nb: 2\n"))
        #expect(e.kind == .multipleDocuments)
        #expect(at(e.position) == "2:1@5")
        #expect(failure("--- 1\n--- 2\n")?.kind == .multipleDocuments)
        #expect(failure("a: 1\n...\n---\n")?.kind == .multipleDocuments)
        // An explicit end marker alone is fine.
        #expect(try read("---\na: 1\n...\n").value == ["a": 1])
    }

    @Test("empty documents", arguments: ["", "\n\n", "# only a comment\n", "---\n", "--- # c\n...\n", "\u{FEFF}"])
    func empty(_ text: String) throws {
        let e = try #require(failure(text))
        #expect(e.kind == .empty)
    }

    @Test("an empty document is reported where the content would start")
    func emptyPositions() throws {
        #expect(at(failure("")?.position) == "1:1@0")
        #expect(at(failure("# c\n\n")?.position) == "3:1@5")
        #expect(at(failure("---\n")?.position) == "2:1@4")
        #expect(at(failure([0xEF, 0xBB, 0xBF])?.position) == "1:1@3")
    }

    @Test("explicit empties are not empty documents")
    func notEmpty() throws {
        #expect(try read("~").value == .null)
        #expect(try read("!!null").value == .null)
        #expect(try read("''").value == "")
        #expect(try read("!!str").value == "")
    }

    @Test("invalid UTF-8 is located from libyaml's byte offset")
    func invalidUTF8() throws {
        let bytes = Array("a: 1\nb: \"é".utf8) + [0xFF] + Array("\"\n".utf8)
        let e = try #require(failure(bytes))
        #expect(e.kind == .invalidUTF8)
        #expect(at(e.position) == "2:6@11")
        let truncated = try #require(failure(Array("k: é".utf8).dropLast() + [0x0A]))
        #expect(truncated.kind == .invalidUTF8)
        // libyaml points at the octet that breaks the sequence: here the line feed.
        #expect(at(truncated.position) == "1:5@4")
        let utf16 = try #require(failure([0xFF, 0xFE, 0x61, 0x00]))
        #expect(utf16.kind == .invalidUTF8)
        #expect(utf16.message.contains("UTF-16"))
    }

    @Test("control characters are syntax errors")
    func controlCharacter() throws {
        let e = try #require(failure("a: b\nc: \u{1}\n"))
        #expect(e.kind == .syntax)
        #expect(at(e.position) == "2:4@8")
        #expect(e.message.contains("U+0001"))
    }

    @Test("libyaml syntax errors carry problem, context and the problem's position")
    func syntax() throws {
        let indentation = try #require(failure("a: 1\n b: 2\n"))
        #expect(indentation.kind == .syntax)
        #expect(indentation.message.contains("mapping values are not allowed"))
        #expect(at(indentation.position) == "2:3@7")

        let block = try #require(failure("a:\n  - b\n  c: d\n"))
        #expect(block.kind == .syntax)
        #expect(block.message.contains("did not find expected '-' indicator"))
        #expect(block.message.contains("while parsing a block collection at 2:3"))
        #expect(at(block.position) == "3:3@11")

        let quote = try #require(failure("a: é\nb: \"abc\n"))
        #expect(quote.kind == .syntax)
        #expect(quote.message.contains("while scanning a quoted scalar at 2:4"))
        #expect(at(quote.position) == "3:1@14")

        // The context lies behind the last event read, past multi-byte text.
        let behind = try #require(failure("é:\n  - ü\n  c: d\n"))
        #expect(behind.message.contains("while parsing a block collection at 2:3"))
        #expect(at(behind.position) == "3:3@13")

        let tab = try #require(failure("a: b\n\tc: d\n"))
        #expect(tab.kind == .syntax)
        #expect(at(tab.position) == "2:1@5")

        let flow = try #require(failure("a: [1, 2\n"))
        #expect(flow.kind == .syntax)
        #expect(flow.position.line == 2)
    }

    @Test("a NUL byte is a syntax error with a hint about UTF-16")
    func nulByte() throws {
        let e = try #require(failure(Array("a: 1\nb: x".utf8) + [0, 0x0A]))
        #expect(e.kind == .syntax)
        #expect(at(e.position) == "2:5@9")
        #expect(e.message.contains("UTF-16"))
    }

    @Test("long scalars are shortened in messages")
    func longScalarInMessage() throws {
        let e = try #require(failure("v: !!int " + String(repeating: "x", count: 100) + "\n"))
        #expect(e.kind == .tagMismatch)
        #expect(e.message.contains("'" + String(repeating: "x", count: 40) + "…'"))
        #expect(!e.message.contains(String(repeating: "x", count: 41)))
    }

    @Test("a redefined !! handle makes core tags unknown")
    func redefinedHandle() throws {
        let e = try #require(failure("%TAG !! tag:example.com,2000:\n---\nv: !!str x\n"))
        #expect(e.kind == .unknownTag)
        #expect(at(e.position) == "3:4@37")
    }

    @Test("aliases to missing anchors, and recursive aliases")
    func badAliases() throws {
        let undefined = try #require(failure("a: 1\nb: *nope\n"))
        #expect(undefined.kind == .undefinedAlias)
        #expect(at(undefined.position) == "2:4@8")
        let recursive = try #require(failure("a: &r\n  b: *r\n"))
        #expect(recursive.kind == .unsupportedValue)
        #expect(at(recursive.position) == "2:6@11")
        #expect(recursive.message.contains("recursive"))
        // Even when an earlier node had the same anchor name.
        #expect(failure("x: &r 1\na: &r [*r]\n")?.kind == .unsupportedValue)
    }

    @Test("errors print as line:column: message")
    func description() throws {
        let e = try #require(failure("a: 1\na: 2\n"))
        #expect("\(e)" == "2:1: duplicate key 'a'; it is first defined at line 1")
    }
}
