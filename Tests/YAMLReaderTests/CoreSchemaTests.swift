import JSONCore
import Testing
import YAMLReader

@Suite("YAML 1.2 core schema")
struct CoreSchemaTests {
    func scalar(_ text: String) throws -> JSONValue {
        try read("v: \(text)\n").value["v"]!
    }

    @Test("nulls", arguments: ["~", "null", "Null", "NULL", ""])
    func nulls(_ text: String) throws {
        #expect(try scalar(text) == .null)
    }

    @Test("booleans")
    func booleans() throws {
        for t in ["true", "True", "TRUE"] { #expect(try scalar(t) == .bool(true)) }
        for t in ["false", "False", "FALSE"] { #expect(try scalar(t) == .bool(false)) }
    }

    @Test(
        "YAML 1.1 words stay strings",
        arguments: ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "tRue", "nul", "~~"])
    func yaml11Words(_ text: String) throws {
        #expect(try scalar(text) == .string(text))
    }

    @Test("integers")
    func integers() throws {
        #expect(try scalar("0") == 0)
        #expect(try scalar("4096") == 4096)
        #expect(try scalar("-17") == -17)
        #expect(try scalar("+17") == 17)
        #expect(try scalar("007") == 7)
        #expect(try scalar("0o17") == 15)
        #expect(try scalar("0x1F") == 31)
        #expect(try scalar("0xff") == 255)
        #expect(try scalar("9007199254740992") == .number(9_007_199_254_740_992))
        #expect(try scalar("-0").numberValue == 0)
    }

    @Test("floats")
    func floats() throws {
        #expect(try scalar("1.5") == 1.5)
        #expect(try scalar("-0.25") == -0.25)
        #expect(try scalar("1.") == 1.0)
        #expect(try scalar(".5") == 0.5)
        #expect(try scalar("+.5") == 0.5)
        #expect(try scalar("1e3") == 1000)
        #expect(try scalar("1.5E-3") == 0.0015)
        #expect(try scalar("2.e+2") == 200)
    }

    @Test(
        "not numbers under the core schema",
        arguments: [
            "1_000", "0b101", "-0x10", "0o", "0x", "0o8", "0xG", "1e", "1e+", ".", "+", "1.2.3", "12:30",
            "2024-01-01", "1,5", ".e5", "0x1.8p3", "infinity", "nan", "+.nan", "1 2",
        ])
    func notNumbers(_ text: String) throws {
        #expect(try scalar(text) == .string(text))
    }

    @Test("quoted and block scalars are strings")
    func quotedAndBlock() throws {
        let doc = try read("a: '1'\nb: \"true\"\nc: |\n  null\nd: >-\n  42\ne: 'null'\n")
        #expect(doc.value == ["a": "1", "b": "true", "c": "null\n", "d": "42", "e": "null"])
    }

    @Test("plain strings, including merge keys")
    func strings() throws {
        let doc = try read("a: hello world\nb: http://localhost:8000\n<<: x\nc: é ü\n")
        #expect(doc.value == ["a": "hello world", "b": "http://localhost:8000", "<<": "x", "c": "é ü"])
        #expect(doc.value.objectValue?.keys == ["a", "b", "<<", "c"])
    }

    @Test(
        "infinity and NaN are errors that say to quote them",
        arguments: [".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN"])
    func infinityAndNaN(_ text: String) throws {
        let e = try #require(failure("v: \(text)\n"))
        #expect(e.kind == .unsupportedValue)
        #expect(at(e.position) == "1:4@3")
        #expect(e.message.contains("quote"))
    }

    @Test("integers beyond 2^53 and out-of-range floats are errors")
    func outOfRange() throws {
        for text in ["9007199254740993", "123456789012345678901234567890", "0x20000000000001", "1e400", "-1e400"] {
            let e = try #require(failure("v: \(text)\n"), "\(text)")
            #expect(e.kind == .unsupportedValue, "\(text)")
            #expect(e.message.contains("quote"))
        }
        #expect(try scalar("'9007199254740993'") == "9007199254740993")
    }

    @Test("core tags")
    func coreTags() throws {
        #expect(try scalar("!!str 123") == "123")
        #expect(try scalar("!!str true") == "true")
        #expect(try scalar("! 123") == "123")
        #expect(try scalar("!!int \"42\"") == 42)
        #expect(try scalar("!!int 0x10") == 16)
        #expect(try scalar("!!float 1") == 1)
        #expect(try scalar("!!float '2.5'") == 2.5)
        #expect(try scalar("!!bool 'true'") == true)
        #expect(try scalar("!!null ''") == .null)
        #expect(try scalar("!!null ~") == .null)
        let doc = try read("m: !!map {a: 1}\ns: !!seq [1]\nt: ! [x]\n")
        #expect(doc.value == ["m": ["a": 1], "s": [1], "t": ["x"]])
    }

    @Test("core tags on values they do not fit")
    func tagMismatch() throws {
        let cases: [(String, String)] = [
            ("v: !!int abc\n", "1:4@3"), ("v: !!int 1.5\n", "1:4@3"), ("v: !!float abc\n", "1:4@3"),
            ("v: !!bool yes\n", "1:4@3"), ("v: !!null 0\n", "1:4@3"), ("v: !!map [1]\n", "1:4@3"),
            ("v: !!seq {a: 1}\n", "1:4@3"), ("v: !!str [1]\n", "1:4@3"), ("v: !!seq x\n", "1:4@3"),
        ]
        for (text, position) in cases {
            let e = try #require(failure(text), "\(text)")
            #expect(e.kind == .tagMismatch, "\(text)")
            #expect(at(e.position) == position, "\(text)")
        }
        #expect(failure("v: !!float .inf\n")?.kind == .unsupportedValue)
    }

    @Test("tags outside the core schema")
    func unknownTags() throws {
        let cases: [(String, String)] = [
            ("a: 1\nv: !foo bar\n", "2:4@8"), ("v: !!binary aGk=\n", "1:4@3"), ("v: !!timestamp 2001-12-14\n", "1:4@3"),
            ("v: !!set {a, b}\n", "1:4@3"), ("v: !local [1]\n", "1:4@3"), ("!foo k: v\n", "1:1@0"),
            ("%TAG !e! tag:example.com,2000:\n---\nv: !e!x 1\n", "3:4@38"),
        ]
        for (text, position) in cases {
            let e = try #require(failure(text), "\(text)")
            #expect(e.kind == .unknownTag, "\(text)")
            #expect(at(e.position) == position, "\(text)")
        }
        #expect(failure("v: !foo bar\n")?.message.contains("!foo") == true)
        #expect(failure("v: !!binary x\n")?.message.contains("!!binary") == true)
    }

    @Test("explicit keys, empty values and YAML 1.1 directives")
    func explicitKeys() throws {
        #expect(try read("? a\n: b\n? c\n").value == ["a": "b", "c": nil])
        #expect(try read("a:\nb: ~\n").value == ["a": nil, "b": nil])
        // The core schema applies whatever version the file declares.
        #expect(try read("%YAML 1.1\n---\na: yes\n").value == ["a": "yes"])
    }

    @Test("a document can be a bare scalar or a sequence")
    func roots() throws {
        #expect(try read("hello\n").value == "hello")
        #expect(try read("42").value == 42)
        #expect(try read("- a\n- 1\n- true\n- ~\n").value == ["a", 1, true, nil])
        #expect(try read("[]").value == [])
        #expect(try read("{}").value == .object(JSONObject()))
        #expect(try read("--- ~\n").value == .null)
    }
}
