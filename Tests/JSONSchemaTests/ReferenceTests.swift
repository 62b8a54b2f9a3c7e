import JSONCore
import Testing

@testable import JSONSchema

@Suite("References and identifiers")
struct ReferenceTests {
    @Test func pointerRefsWithEscapes() throws {
        let schema = #"""
            {"$defs": {"a/b": {"type": "integer"}, "c%d": {"type": "string"}, "t~e": {"type": "null"}},
             "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/c%25d"}, "z": {"$ref": "#/$defs/t~0e"}}}
            """#
        try expect(schema, valid: [#"{"x": 1, "y": "s", "z": null}"#], invalid: [#"{"x": "1"}"#, #"{"y": 1}"#, #"{"z": 1}"#])
    }

    @Test func recursiveRef() throws {
        let schema = ##"{"type": "object", "properties": {"child": {"$ref": "#"}}, "additionalProperties": false}"##
        try expect(schema, valid: [#"{"child": {"child": {}}}"#], invalid: [#"{"child": {"x": 1}}"#])
    }

    @Test func anchorsAndEmbeddedResources() throws {
        let schema = #"""
            {"$id": "https://example.com/root.json",
             "$defs": {"inner": {"$id": "inner/schema.json", "$defs": {"n": {"$anchor": "num", "type": "number"}}}},
             "properties": {"a": {"$ref": "inner/schema.json#num"}, "b": {"$ref": "https://example.com/inner/schema.json#/$defs/n"}}}
            """#
        try expect(schema, valid: [#"{"a": 1, "b": 2}"#], invalid: [#"{"a": "x"}"#, #"{"b": "x"}"#])
    }

    @Test func registryResolvesRelativeRefs() throws {
        var registry = SchemaRegistry()
        registry.add(try json(#"{"$defs": {"port": {"type": "integer", "maximum": 65535}}}"#), uri: "https://example.com/common.json")
        let schema = #"{"$id": "https://example.com/app.json", "properties": {"port": {"$ref": "common.json#/$defs/port"}}}"#
        try expect(schema, valid: [#"{"port": 80}"#], invalid: [#"{"port": 70000}"#], registry: registry)
    }

    @Test func metaschemaIsBuiltIn() throws {
        let schema = #"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"#
        try expect(schema, valid: [#"{"type": "string"}"#, "true", #"{"$defs": {"a": {"minimum": 1}}}"#],
            invalid: [#"{"type": 1}"#, #"{"minLength": -1}"#, #"{"$defs": {"a": {"type": "nope"}}}"#, "1"])
    }

    @Test func dynamicRefFollowsTheDynamicScope() throws {
        // A generic list whose item type the referencing schema chooses through $dynamicAnchor.
        var registry = SchemaRegistry()
        registry.add(try json(#"""
            {"$id": "https://example.com/list", "type": "array", "items": {"$dynamicRef": "#item"},
             "$defs": {"default": {"$dynamicAnchor": "item"}}}
            """#), uri: "https://example.com/list")
        let schema = #"""
            {"$id": "https://example.com/strings", "$ref": "list",
             "$defs": {"item": {"$dynamicAnchor": "item", "type": "string"}}}
            """#
        try expect(schema, valid: [#"["a", "b"]"#], invalid: [#"["a", 1]"#], registry: registry)
        try expect(#"{"$ref": "https://example.com/list"}"#, valid: [#"["a", 1]"#], registry: registry)
    }

    @Test func vocabularyCanTurnOffValidation() throws {
        var registry = SchemaRegistry()
        registry.add(try json(#"""
            {"$id": "https://example.com/meta", "$dynamicAnchor": "meta",
             "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true,
                             "https://json-schema.org/draft/2020-12/vocab/applicator": true}}
            """#), uri: "https://example.com/meta")
        let schema = #"{"$schema": "https://example.com/meta", "properties": {"a": {"minimum": 10}, "b": false}}"#
        try expect(schema, valid: [#"{"a": 1}"#], invalid: [#"{"b": 1}"#], registry: registry)
    }

    @Test func refCycleWithoutProgressIsAnErrorNotACrash() throws {
        let v = try validator(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##)
        #expect(!v.validate(1).isEmpty)
    }

    @Test func deepInstanceStaysWithinTheDepthLimit() throws {
        let v = try validator(##"{"type": "array", "items": {"$ref": "#"}}"##)
        var value: JSONValue = []
        for _ in 0..<150 { value = [value] }
        #expect(v.validate(value).isEmpty)
        // Far deeper than any real document: a clean error at the depth limit, not a crash.
        for _ in 0..<2_000 { value = [value] }
        #expect(!v.validate(value).isEmpty)
        #expect(!v.isValid(value))
    }
}

@Suite("URI resolution")
struct URIResolutionTests {
    @Test(arguments: [
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
        ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("#s", "http://a/b/c/d;p?q#s"), ("", "http://a/b/c/d;p?q"),
        ("../g", "http://a/b/g"), ("../../../g", "http://a/g"), ("g;x=1/../y", "http://a/b/c/y"), ("urn:x:y", "urn:x:y"),
    ])
    func rfc3986Examples(reference: String, expected: String) {
        let base = URIReference("http://a/b/c/d;p?q")
        #expect(URIReference(reference).resolved(against: base).description == expected)
    }
}

@Suite("Earlier dialects behind $schema")
struct DialectTests {
    @Test func draft7ItemsAndRefSiblings() throws {
        var registry = SchemaRegistry()
        registry.add(try json(##"""
            {"$schema": "http://json-schema.org/draft-07/schema#",
             "definitions": {"s": {"type": "string"}},
             "items": [{"$ref": "#/definitions/s"}], "additionalItems": {"type": "integer"},
             "properties": {"r": {"$ref": "#/definitions/s", "maxLength": 1}}}
            """##), uri: "https://example.com/old.json")
        let schema = #"{"$ref": "https://example.com/old.json"}"#
        try expect(schema, valid: [#"["a", 1]"#, #"{"r": "long is fine: siblings of $ref are ignored"}"#],
            invalid: [#"[1]"#, #"["a", "b"]"#], registry: registry)
    }

    @Test func draft4BooleanExclusiveBounds() throws {
        try expect(#"{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 3, "exclusiveMaximum": true}"#,
            valid: ["2.9"], invalid: ["3"])
    }

    @Test func prefixItemsMeansNothingInDraft201909() throws {
        try expect(#"{"$schema": "https://json-schema.org/draft/2019-09/schema", "prefixItems": [{"type": "string"}]}"#,
            valid: ["[1]"])
    }
}
