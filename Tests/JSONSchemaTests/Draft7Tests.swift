import JSONCore
import Testing

@testable import JSONSchema

/// Schemas written in draft-07 (the SARIF 2.1.0 schema is one) read as draft-07 says, by their
/// `$schema` or by `ValidationOptions.defaultMetaschema`.
@Suite("draft-07")
struct Draft7Tests {
    static let draft7 = "http://json-schema.org/draft-07/schema#"

    /// Compiles `schema` as draft-07 through its `$schema`, and again through the option with
    /// `$schema` left out, and checks the instances with both.
    private func expect7(_ schema: String, valid: [String] = [], invalid: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        guard case .object(var object) = try json(schema) else { Issue.record("not an object"); return }
        object["$schema"] = .string(Self.draft7)
        let declared = try SchemaValidator(schema: .object(object))
        object["$schema"] = nil
        let defaulted = try SchemaValidator(schema: .object(object), options: ValidationOptions(defaultMetaschema: Self.draft7))
        for v in [declared, defaulted] {
            for text in valid {
                let instance = try json(text)
                #expect(v.isValid(instance) && v.validate(instance).isEmpty, "\(text)", sourceLocation: sourceLocation)
            }
            for text in invalid {
                let instance = try json(text)
                #expect(!v.isValid(instance) && !v.validate(instance).isEmpty, "\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func plainNameIdIsAnAnchor() throws {
        try expect7(#"""
            {"$id": "https://example.com/root.json", "properties": {"a": {"$ref": "#num"}, "b": {"$ref": "https://example.com/root.json#num"}},
             "definitions": {"n": {"$id": "#num", "type": "number"}}}
            """#, valid: [#"{"a": 1, "b": 2}"#], invalid: [#"{"a": "x"}"#, #"{"b": "x"}"#])
        // The anchor belongs to the resource its $id names, not to the root.
        try expect7(#"""
            {"$id": "https://example.com/root", "allOf": [{"$ref": "nested.json#int"}],
             "definitions": {"A": {"$id": "nested.json", "definitions": {"B": {"$id": "#int", "type": "integer"}}}}}
            """#, valid: ["1"], invalid: [#""a""#])
    }

    @Test func refReplacesItsSiblingsAndTheirId() throws {
        // The sibling $id does not move the base, so "#/definitions/x" is the root's.
        try expect7(#"""
            {"$id": "https://example.com/root.json", "definitions": {"x": {"type": "string"},
             "inner": {"$id": "inner.json", "definitions": {"x": {"type": "integer"}}}},
             "properties": {"p": {"$id": "inner.json", "$ref": "#/definitions/x", "maxLength": 1}}}
            """#, valid: [#"{"p": "long is fine: maxLength is ignored"}"#], invalid: [#"{"p": 1}"#])
    }

    @Test func keywordsOfLaterDraftsMeanNothing() throws {
        try expect7(#"""
            {"dependentRequired": {"a": ["b"]}, "dependentSchemas": {"a": false}, "unevaluatedProperties": false,
             "$defs": {}, "prefixItems": [{"type": "string"}]}
            """#, valid: [#"{"a": 1, "c": 2}"#, "[1]"])
        try expect7(#"{"contains": {"type": "integer"}, "minContains": 2, "maxContains": 2}"#, valid: ["[1]", "[1, 2, 3]"], invalid: [#"["a"]"#])
        // "$anchor" is not an identifier yet: "#a" names nothing.
        #expect(throws: SchemaError.self) {
            try SchemaValidator(schema: json(##"{"$schema": "\##(Self.draft7)", "definitions": {"a": {"$anchor": "a"}}, "$ref": "#a"}"##))
        }
    }

    @Test func arrayItemsAndDependencies() throws {
        try expect7(#"{"items": [{"type": "integer"}], "additionalItems": {"type": "string"}}"#,
            valid: ["[1]", #"[1, "a"]"#], invalid: [#"["a"]"#, "[1, 2]"])
        try expect7(#"{"dependencies": {"a": ["b"], "c": {"required": ["d"]}}}"#,
            valid: [#"{"a": 1, "b": 2}"#, #"{"c": 1, "d": 2}"#], invalid: [#"{"a": 1}"#, #"{"c": 1}"#])
    }

    @Test func draft7MetaschemaIsBuiltIn() throws {
        try expect7(#"{"$ref": "http://json-schema.org/draft-07/schema#"}"#,
            valid: [#"{"type": "string"}"#, "true", #"{"definitions": {"a": {"minimum": 1}}}"#],
            invalid: [#"{"type": 1}"#, #"{"minLength": -1}"#, #"{"definitions": {"a": {"type": "nope"}}}"#])
    }

    @Test func draft202012StaysTheDefault() throws {
        // Without $schema or the option, a 2019-09 keyword applies and a plain-name $id is no anchor.
        try expect(#"{"dependentRequired": {"a": ["b"]}}"#, invalid: [#"{"a": 1}"#])
        #expect(throws: SchemaError.self) {
            try SchemaValidator(schema: json(##"{"definitions": {"n": {"$id": "#num"}}, "$ref": "#num"}"##))
        }
    }
}
