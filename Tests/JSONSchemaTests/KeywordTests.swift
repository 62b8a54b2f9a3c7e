import JSONCore
import Testing

@testable import JSONSchema

@Suite("Assertion keywords")
struct AssertionKeywordTests {
    @Test func booleanSchemas() throws {
        try expect("true", valid: ["1", "null", "{}"])
        try expect("false", invalid: ["1", "null", "{}"])
    }

    @Test func types() throws {
        try expect(#"{"type": "integer"}"#, valid: ["1", "1.0", "-5"], invalid: ["1.5", "\"1\"", "null"])
        try expect(#"{"type": "number"}"#, valid: ["1", "1.5"], invalid: ["true"])
        try expect(#"{"type": ["string", "null"]}"#, valid: ["\"a\"", "null"], invalid: ["0", "[]"])
        try expect(#"{"type": "object"}"#, valid: ["{}"], invalid: ["[]"])
    }

    @Test func constAndEnumUseJSONEquality() throws {
        try expect(#"{"const": 1}"#, valid: ["1", "1.0"], invalid: ["true", "\"1\""])
        try expect(#"{"const": {"a": 1, "b": [1, 2]}}"#, valid: [#"{"b": [1, 2.0], "a": 1}"#], invalid: [#"{"a": 1}"#])
        try expect(#"{"enum": ["a", 2, null]}"#, valid: ["\"a\"", "2.0", "null"], invalid: ["\"b\"", "false"])
        try expect(#"{"enum": [false]}"#, valid: ["false"], invalid: ["0"])
    }

    @Test func numbers() throws {
        try expect(#"{"minimum": 1, "maximum": 3}"#, valid: ["1", "3", "\"x\""], invalid: ["0.9", "3.1"])
        try expect(#"{"exclusiveMinimum": 1, "exclusiveMaximum": 3}"#, valid: ["2"], invalid: ["1", "3"])
        try expect(#"{"multipleOf": 0.0001}"#, valid: ["0.0075", "1"], invalid: ["0.00751"])
        try expect(#"{"multipleOf": 1.5}"#, valid: ["4.5", "0"], invalid: ["35"])
        try expect(#"{"type": "integer", "multipleOf": 0.123456789}"#, invalid: ["1e308"])
    }

    @Test func stringLengthCountsCodePoints() throws {
        try expect(#"{"maxLength": 2}"#, valid: ["\"ab\"", "\"💩💩\"", "5"], invalid: ["\"abc\"", "\"💩💩💩\""])
        try expect(#"{"minLength": 2}"#, valid: ["\"💩💩\""], invalid: ["\"💩\"", "\"\""])
        // Between limit and 4 x limit bytes the scalars must be counted; from 4 x limit on, they need not be.
        try expect(#"{"minLength": 3}"#, valid: ["\"ab💩\"", "\"abcdefghijkl\"", "\"ééé\""], invalid: ["\"é💩\"", "\"éé\""])
    }

    @Test func pattern() throws {
        try expect(#"{"pattern": "^[a-z]+$"}"#, valid: ["\"abc\"", "1"], invalid: ["\"aBc\"", "\"abc\\n\""])
        try expect(#"{"pattern": "b"}"#, valid: ["\"abc\""], invalid: ["\"xyz\""])
    }

    @Test func arrays() throws {
        try expect(#"{"minItems": 1, "maxItems": 2}"#, valid: ["[1]", "[1, 2]"], invalid: ["[]", "[1, 2, 3]"])
        try expect(#"{"uniqueItems": true}"#, valid: ["[1, 2]", #"[{"a": 1}, {"a": 2}]"#],
            invalid: ["[1, 1.0]", #"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#])
        let many = "[" + (0..<40).map(String.init).joined(separator: ",") + ",7]"
        try expect(#"{"uniqueItems": true}"#, invalid: [many])
    }

    @Test func objects() throws {
        try expect(#"{"required": ["a"], "minProperties": 1, "maxProperties": 2}"#,
            valid: [#"{"a": 1}"#], invalid: ["{}", #"{"b": 1}"#, #"{"a": 1, "b": 2, "c": 3}"#])
        try expect(#"{"dependentRequired": {"card": ["billing"]}}"#,
            valid: ["{}", #"{"card": 1, "billing": 2}"#], invalid: [#"{"card": 1}"#])
    }
}

@Suite("Applicator keywords")
struct ApplicatorKeywordTests {
    @Test func propertiesPatternsAndAdditional() throws {
        let schema = #"""
            {"properties": {"a": {"type": "integer"}}, "patternProperties": {"^x-": {"type": "string"}},
             "additionalProperties": false}
            """#
        try expect(schema, valid: [#"{"a": 1, "x-y": "s"}"#, "{}"], invalid: [#"{"a": "1"}"#, #"{"x-y": 1}"#, #"{"b": 1}"#])
    }

    @Test func propertyNames() throws {
        try expect(#"{"propertyNames": {"maxLength": 3}}"#, valid: [#"{"abc": 1}"#], invalid: [#"{"abcd": 1}"#])
    }

    @Test func dependentSchemas() throws {
        try expect(#"{"dependentSchemas": {"a": {"required": ["b"]}}}"#, valid: ["{}", #"{"a": 1, "b": 2}"#], invalid: [#"{"a": 1}"#])
    }

    @Test func prefixItemsAndItems() throws {
        try expect(#"{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}"#,
            valid: [#"["a", 1, 2]"#, "[]"], invalid: ["[1]", #"["a", "b"]"#])
        try expect(#"{"prefixItems": [true], "items": false}"#, valid: ["[1]"], invalid: ["[1, 2]"])
    }

    @Test func containsWithBounds() throws {
        try expect(#"{"contains": {"const": 1}}"#, valid: ["[2, 1]"], invalid: ["[2]", "[]"])
        try expect(#"{"contains": {"const": 1}, "minContains": 2, "maxContains": 3}"#,
            valid: ["[1, 1]", "[1, 2, 1, 1]"], invalid: ["[1]", "[1, 1, 1, 1]"])
        try expect(#"{"contains": {"const": 1}, "minContains": 0}"#, valid: ["[]", "[2]"])
    }

    @Test func combinators() throws {
        try expect(#"{"allOf": [{"minimum": 1}, {"maximum": 3}]}"#, valid: ["2"], invalid: ["0", "4"])
        try expect(#"{"anyOf": [{"type": "string"}, {"minimum": 5}]}"#, valid: ["\"a\"", "6"], invalid: ["1"])
        try expect(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, valid: ["1", "2.5"], invalid: ["3", "1.5"])
        try expect(#"{"not": {"type": "null"}}"#, valid: ["1"], invalid: ["null"])
    }

    @Test func conditionals() throws {
        let schema = #"{"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["x"]}, "else": {"required": ["y"]}}"#
        try expect(schema, valid: [#"{"kind": "a", "x": 1}"#, #"{"kind": "b", "y": 1}"#],
            invalid: [#"{"kind": "a", "y": 1}"#, #"{"kind": "b", "x": 1}"#])
    }

    @Test func legacyDependencies() throws {
        try expect(#"{"dependencies": {"a": ["b"], "c": {"required": ["d"]}}}"#,
            valid: [#"{"a": 1, "b": 2}"#, #"{"c": 1, "d": 2}"#], invalid: [#"{"a": 1}"#, #"{"c": 1}"#])
    }
}

@Suite("unevaluatedProperties and unevaluatedItems")
struct UnevaluatedTests {
    @Test func seesThroughAllOfAndRef() throws {
        let schema = #"""
            {"$defs": {"base": {"properties": {"a": true}}},
             "allOf": [{"$ref": "#/$defs/base"}], "properties": {"b": true}, "unevaluatedProperties": false}
            """#
        try expect(schema, valid: [#"{"a": 1, "b": 2}"#], invalid: [#"{"a": 1, "c": 3}"#])
    }

    @Test func onlySuccessfulBranchesCount() throws {
        let schema = #"""
            {"anyOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]},
                       {"properties": {"b": true}, "required": ["b"]}],
             "unevaluatedProperties": false}
            """#
        try expect(schema, valid: [#"{"a": "x"}"#, #"{"b": 1}"#, #"{"a": "x", "b": 1}"#], invalid: [#"{"a": 1, "b": 1}"#])
    }

    @Test func conditionalAnnotations() throws {
        let schema = #"""
            {"if": {"properties": {"foo": {"const": "then"}}, "required": ["foo"]},
             "then": {"properties": {"bar": true}}, "else": {"properties": {"baz": true}},
             "unevaluatedProperties": false}
            """#
        try expect(schema, valid: [#"{"foo": "then", "bar": 1}"#, #"{"baz": 1}"#], invalid: [#"{"foo": "then", "baz": 1}"#, #"{"foo": "else"}"#])
    }

    @Test func items() throws {
        try expect(#"{"prefixItems": [true], "unevaluatedItems": false}"#, valid: ["[1]"], invalid: ["[1, 2]"])
        try expect(#"{"contains": {"type": "string"}, "unevaluatedItems": {"type": "integer"}}"#,
            valid: [#"["a", 1]"#], invalid: [#"["a", 1.5]"#])
        try expect(#"{"allOf": [{"items": true}], "unevaluatedItems": false}"#, valid: ["[1, 2]"])
    }

    @Test func manyMembersBeyondSixtyFour() throws {
        var properties = JSONObject()
        var instance = JSONObject()
        for i in 0..<100 {
            properties["p\(i)"] = .bool(true)
            instance["p\(i)"] = .number(Double(i))
        }
        let schema: JSONValue = ["allOf": [["properties": .object(properties)]], "unevaluatedProperties": false]
        let v = try SchemaValidator(schema: schema)
        #expect(v.validate(.object(instance)).isEmpty)
        instance["extra"] = 1
        let errors = v.validate(.object(instance))
        #expect(errors.map(\.detail) == [.additionalProperty("extra")])
    }
}
