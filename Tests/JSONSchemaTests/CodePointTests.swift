import JSONCore
import Testing

@testable import JSONSchema

/// The official suite's "characters with the same visual representation, but different number
/// of codepoints" case, and the same flaw in the other keywords that compare strings.
@Suite("Keywords compare strings by code points")
struct CodePointKeywordTests {
    // JSON escapes keep the test source free of look-alike characters.
    static let composed = #""\u00e9""#
    static let decomposed = #""e\u0301""#

    @Test func constAndEnum() throws {
        try expect(#"{"const": "\u00e9"}"#, valid: [Self.composed], invalid: [Self.decomposed])
        try expect(#"{"enum": ["e\u0301"]}"#, valid: [Self.decomposed], invalid: [Self.composed])
        try expect(#"{"const": "\u212aey"}"#, invalid: [#""Key""#])
    }

    @Test func uniqueItems() throws {
        try expect(#"{"uniqueItems": true}"#, valid: ["[\(Self.composed), \(Self.decomposed)]"],
                   invalid: ["[\(Self.composed), \(Self.composed)]"])
        // 20 items: past the size where uniqueness is checked through a hash table.
        let many = (0..<18).map { "\($0)" }.joined(separator: ", ")
        try expect(#"{"uniqueItems": true}"#, valid: ["[\(many), \(Self.composed), \(Self.decomposed)]"])
    }

    @Test("properties, required and additionalProperties see two keys", arguments: [1, 12])
    func propertyNames(extra: Int) throws {
        // 12 extra properties: past the size where `properties` is looked up through a table.
        let others = (0..<extra).map { #""p\#($0)": {}"# }.joined(separator: ", ")
        let schema = #"{"properties": {"\u00e9": {"type": "integer"}, \#(others)}, "required": ["\u00e9"], "additionalProperties": false}"#
        try expect(schema, valid: [#"{"\u00e9": 1}"#],
                   invalid: [#"{"e\u0301": 1}"#, #"{"\u00e9": 1, "e\u0301": 1}"#, #"{"\u00e9": "x"}"#])
    }
}
