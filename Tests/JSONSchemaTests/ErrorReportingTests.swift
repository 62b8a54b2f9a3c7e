import JSONCore
import Testing

@testable import JSONSchema

@Suite("Error reports")
struct ErrorReportingTests {
    static let providerSchema = #"""
        {"$id": "https://example.com/spec.json",
         "type": "object",
         "properties": {"providers": {"type": "object", "additionalProperties": {"$ref": "#/$defs/provider"}}},
         "$defs": {"provider": {
            "type": "object", "required": ["url"], "additionalProperties": false,
            "properties": {"url": {"type": "string", "pattern": "^https?://"}, "models": {"type": "object"},
                           "api": {"enum": ["a", "b"]}}}}}
        """#

    @Test func locationsGoThroughRef() throws {
        let v = try validator(Self.providerSchema)
        let errors = v.validate(try json(#"{"providers": {"p1": {"url": 5}}}"#))
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.instanceLocation.description == "/providers/p1/url")
        #expect(error.keywordLocation.description == "/properties/providers/additionalProperties/$ref/properties/url/type")
        #expect(error.absoluteKeywordLocation == "https://example.com/spec.json#/$defs/provider/properties/url/type")
        #expect(error.keyword == "type")
        #expect(error.message == "expected a string, got integer")
        #expect(error.detail == .typeMismatch(expected: ["string"], actual: "integer"))
    }

    @Test func unknownAndMissingProperties() throws {
        let v = try validator(Self.providerSchema)
        let errors = v.validate(try json(#"{"providers": {"p1": {"modles": {}, "api": "c"}}}"#))
        #expect(errors.count == 3)
        let missing = try #require(errors.first { $0.keyword == "required" })
        #expect(missing.message == "missing required property 'url'")
        #expect(missing.detail == .missingProperty("url"))
        #expect(missing.instanceLocation.description == "/providers/p1")

        let unknown = try #require(errors.first { $0.keyword == "additionalProperties" })
        #expect(unknown.message == "unknown property 'modles'")
        #expect(unknown.detail == .additionalProperty("modles"))
        #expect(unknown.instanceLocation.description == "/providers/p1/modles")
        #expect(unknown.keywordLocation.description == "/properties/providers/additionalProperties/$ref/additionalProperties")

        let notAllowed = try #require(errors.first { $0.keyword == "enum" })
        #expect(notAllowed.message == #"must be one of: "a", "b""#)
        #expect(notAllowed.detail == .notInEnum(allowed: ["a", "b"]))
    }

    @Test func patternMessage() throws {
        let errors = try validator(Self.providerSchema).validate(try json(#"{"providers": {"p": {"url": "ftp://x"}}}"#))
        #expect(errors.map(\.message) == ["must match pattern ^https?://"])
        #expect(errors.first?.detail == .patternMismatch(pattern: "^https?://"))
    }

    @Test func anyOfReportsBranchesAsCauses() throws {
        let v = try validator(#"{"properties": {"key": {"anyOf": [{"type": "string", "minLength": 3}, {"type": "object", "required": ["env"]}]}}}"#)
        let errors = v.validate(try json(#"{"key": "ab"}"#))
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.keyword == "anyOf")
        #expect(error.detail == .noBranchMatched)
        #expect(error.instanceLocation.description == "/key")
        #expect(error.causes.count == 2)
        #expect(error.causes.map(\.detail) == [.branch(0), .branch(1)])
        #expect(error.causes[0].keywordLocation.description == "/properties/key/anyOf/0")
        #expect(error.causes[0].causes.map(\.keyword) == ["minLength"])
        #expect(error.causes[0].causes.first?.keywordLocation.description == "/properties/key/anyOf/0/minLength")
        #expect(error.causes[1].causes.map(\.keyword) == ["type"])
    }

    @Test func oneOfWithTwoMatches() throws {
        let errors = try validator(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#).validate(3)
        #expect(errors.map(\.detail) == [.multipleBranchesMatched([0, 1])])
    }

    @Test func falseSchemasAreWordedByTheirApplicator() throws {
        let v = try validator(#"{"properties": {"old": false}, "prefixItems": [true], "items": false}"#)
        #expect(v.validate(try json(#"{"old": 1}"#)).map(\.message) == ["property 'old' is not allowed"])
        #expect(v.validate(try json("[1, 2]")).map(\.message) == ["unexpected item at index 1"])
        #expect(v.validate(try json("[1, 2]")).first?.instanceLocation.description == "/1")
    }

    @Test func unevaluatedPropertiesFalseIsAnUnknownProperty() throws {
        let errors = try validator(#"{"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false}"#)
            .validate(try json(#"{"a": 1, "b": 2}"#))
        #expect(errors.map(\.detail) == [.additionalProperty("b")])
        #expect(errors.first?.instanceLocation.description == "/b")
        #expect(errors.first?.keyword == "unevaluatedProperties")
    }

    @Test func everyErrorIsReportedNotJustTheFirst() throws {
        let errors = try validator(#"{"items": {"type": "string"}}"#).validate(try json(#"[1, "a", 2]"#))
        #expect(errors.map(\.instanceLocation.description) == ["/0", "/2"])
    }

    @Test func noAbsoluteLocationWithoutAnId() throws {
        let errors = try validator(#"{"type": "string"}"#).validate(1)
        #expect(errors.first?.absoluteKeywordLocation == nil)
        #expect(errors.first?.keywordLocation.description == "/type")
        #expect(errors.first?.description == "(root): expected a string, got integer")
    }

    @Test func quickAndDetailedRunsAgree() throws {
        // Every schema/instance pair: validate() is empty exactly when isValid() is true.
        let schemas = [
            #"{"anyOf": [{"required": ["a"]}, {"required": ["b"]}], "unevaluatedProperties": false, "properties": {"c": true}}"#,
            #"{"oneOf": [{"type": "array", "contains": {"const": 1}}, {"type": "array", "maxItems": 1}], "unevaluatedItems": false}"#,
            #"{"if": {"minimum": 5}, "then": {"multipleOf": 2}, "else": {"type": "integer"}}"#,
        ]
        let instances = [#"{"a": 1}"#, #"{"a": 1, "c": 2, "d": 3}"#, "[1]", "[1, 2]", "[]", "6", "7", "2.5", "3", "{}"]
        for schema in schemas {
            let v = try validator(schema)
            for instance in instances {
                let value = try json(instance)
                #expect(v.validate(value).isEmpty == v.isValid(value), "\(schema) with \(instance)")
            }
        }
    }
}

@Suite("Invalid schemas")
struct SchemaErrorTests {
    @Test(arguments: [
        #"{"type": "strnig"}"#, #"{"minLength": -1}"#, #"{"required": "a"}"#, #"{"pattern": "[a-"}"#,
        ##"{"$ref": "#/$defs/missing"}"##, #"{"$ref": "https://example.com/unknown.json"}"#, #"{"allOf": []}"#,
        #"{"properties": {"a": 5}}"#, #"{"patternProperties": {"(": true}}"#, "42",
    ])
    func throwsSchemaError(schema: String) throws {
        #expect(throws: SchemaError.self) { try SchemaValidator(schema: try json(schema)) }
    }

    @Test func errorNamesTheLocation() throws {
        let schema = try json(#"{"$id": "https://example.com/s", "properties": {"a": {"minimum": "x"}}}"#)
        do {
            _ = try SchemaValidator(schema: schema)
            Issue.record("expected a SchemaError")
        } catch {
            #expect(error.schemaLocation == "https://example.com/s#/properties/a/minimum")
            #expect(error.message.contains("must be a number"))
        }
    }

    @Test func unknownRequiredVocabularyIsRefused() throws {
        var registry = SchemaRegistry()
        registry.add(try json(#"{"$vocabulary": {"https://example.com/vocab/unknown": true}}"#), uri: "https://example.com/meta")
        #expect(throws: SchemaError.self) {
            try SchemaValidator(schema: try json(#"{"$schema": "https://example.com/meta"}"#), registry: registry)
        }
    }
}
