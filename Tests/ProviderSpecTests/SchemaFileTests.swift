import JSONCore
import ProviderSpec
import Testing

@Suite("The schema")
struct SchemaFileTests {
    @Test("the copy compiled into the binary equals schemas/ (run `make schemas` after editing)")
    func embeddedCopyIsCurrent() throws {
        let file = try Repository.text("schemas/provider-spec.schema.json")
        #expect(EmbeddedSchemas.providerSpec == String(file.dropLast(file.hasSuffix("\n") ? 1 : 0)))
    }

    @Test("every property has a title and a description, and every object is closed")
    func documented() throws {
        let schema = try JSONParser.value(EmbeddedSchemas.providerSpec)
        var problems: [String] = []
        func visit(_ node: JSONValue, at pointer: JSONPointer) {
            guard let o = node.objectValue else {
                if let a = node.arrayValue { for (i, e) in a.enumerated() { visit(e, at: pointer.appending(i)) } }
                return
            }
            if o["type"] == "object", o["additionalProperties"] == nil {
                problems.append("\(pointer): object without additionalProperties")
            }
            if let properties = o["properties"]?.objectValue {
                for (name, p) in properties where p["title"] == nil || p["description"] == nil {
                    problems.append("\(pointer)/properties/\(name): no title or description")
                }
            }
            for (k, v) in o { visit(v, at: pointer.appending(k)) }
        }
        visit(schema, at: .root)
        #expect(problems.isEmpty, "\(problems)")
        #expect(schema["$id"]?.stringValue?.hasPrefix("https://") == true)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test("the preset enum of the schema lists exactly the presets the tool knows")
    func presetsAgree() throws {
        let schema = try JSONParser.value(EmbeddedSchemas.providerSpec)
        let listed = schema.value(at: JSONPointer(parsing: "/$defs/provider/properties/preset/enum")!)?.arrayValue?.compactMap(\.stringValue)
        #expect(listed == Preset.allCases.map(\.rawValue))
    }
}
