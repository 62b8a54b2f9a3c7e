import JSONCore
import Testing

@testable import JSONSchema

/// Parses JSON text for a test; a typo in a test's JSON fails loudly.
func json(_ text: String) throws -> JSONValue {
    try JSONParser.value(text)
}

func validator(_ schemaText: String, formatAssertion: Bool = false, registry: SchemaRegistry = .init()) throws -> SchemaValidator {
    try SchemaValidator(schema: json(schemaText), options: ValidationOptions(formatAssertion: formatAssertion), registry: registry)
}

/// Checks each instance against the expected validity, and that the quick and detailed runs agree.
func expect(_ schemaText: String, valid: [String] = [], invalid: [String] = [], formatAssertion: Bool = false,
    registry: SchemaRegistry = .init(), sourceLocation: SourceLocation = #_sourceLocation) throws
{
    let v = try validator(schemaText, formatAssertion: formatAssertion, registry: registry)
    for text in valid {
        let errors = v.validate(try json(text))
        #expect(errors.isEmpty, "expected \(text) to be valid, got \(errors)", sourceLocation: sourceLocation)
        #expect(v.isValid(try json(text)), sourceLocation: sourceLocation)
    }
    for text in invalid {
        let errors = v.validate(try json(text))
        #expect(!errors.isEmpty, "expected \(text) to be invalid", sourceLocation: sourceLocation)
        #expect(!v.isValid(try json(text)), sourceLocation: sourceLocation)
    }
}
