import JSONCore
import Testing

/// JSON compares strings by code points; Swift's `==` by canonical equivalence.
@Suite("Strings compared as JSON compares them")
struct CodePointEqualityTests {
    static let composed = "\u{E9}"          // é, one scalar
    static let decomposed = "e\u{301}"      // e + combining acute, two scalars
    static let kelvin = "\u{212A}ey"        // KELVIN SIGN: canonically "Key"

    @Test("canonically equivalent strings are different JSON strings")
    func valuesDiffer() {
        #expect(Self.composed == Self.decomposed)  // what Swift says; the reason for all this
        #expect(JSONValue.string(Self.composed) != .string(Self.decomposed))
        #expect(JSONValue.string(Self.kelvin) != .string("Key"))
        #expect(Set<JSONValue>([.string(Self.composed), .string(Self.decomposed)]).count == 2)
        #expect(JSONValue.array([.string(Self.composed)]) != .array([.string(Self.decomposed)]))
    }

    @Test("two keys that differ only in their code points stay two members", arguments: [4, 40])
    func keysStayDistinct(extraMembers: Int) throws {
        // 40 members: past the size where the object builds its key index.
        var pairs = (0..<extraMembers).map { ("k\($0)", JSONValue.number(Double($0))) }
        pairs += [(Self.composed, 1), (Self.decomposed, 2), (Self.kelvin, 3)]
        let object = JSONObject(pairs)
        #expect(object.count == extraMembers + 3)
        #expect(object[Self.composed] == 1)
        #expect(object[Self.decomposed] == 2)
        #expect(object["Key"] == nil)
        #expect(object[Self.kelvin] == 3)
    }

    @Test("the parser keeps both keys; a true duplicate still collapses (last wins)")
    func parserKeys() throws {
        let value = try JSONParser.value("{\"\u{E9}\": 1, \"e\u{301}\": 2, \"a\": 1, \"a\": 3}")
        let object = try #require(value.objectValue)
        #expect(object.count == 3)
        #expect(object[Self.composed] == 1)
        #expect(object[Self.decomposed] == 2)
        #expect(object["a"] == 3)
    }

    @Test("objects with different keys are unequal and hash apart")
    func objectEquality() {
        let a = JSONValue.object(JSONObject([(Self.composed, JSONValue.number(1))]))
        let b = JSONValue.object(JSONObject([(Self.decomposed, JSONValue.number(1))]))
        #expect(a != b)
        #expect(Set<JSONValue>([a, b]).count == 2)
        #expect(JSONKey(Self.composed) != JSONKey(Self.decomposed))
        #expect(JSONKey("ab") == JSONKey("ab"))
    }
}

@Suite("Lines split at U+000A")
struct LineSplitTests {
    @Test("CRLF, LF, a lone CR, empty lines")
    func linesOfEveryEnding() {
        #expect("a\r\nb\nc".split(separator: "\n").count == 2, "the Character split this replaces")
        #expect("a\r\nb\nc".lines() == ["a", "b", "c"])
        #expect("a\r\n\r\nb\n".lines() == ["a", "", "b", ""])
        #expect("a\r\n\r\nb\n".lines(omittingEmpty: true) == ["a", "b"])
        #expect("a\rb".lines() == ["a\rb"], "a lone CR is not a line end")
        #expect("e\u{301}\r\nx".lines() == ["e\u{301}", "x"])
    }
}
