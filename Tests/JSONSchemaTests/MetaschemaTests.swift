import JSONCore
import Testing

@testable import JSONSchema

@Suite("Built-in metaschemas")
struct MetaschemaTests {
    /// ResourceIndex takes the 2020-12 dialect's vocabularies as .draft202012 without parsing the
    /// metaschema: that must be what its `$vocabulary` says.
    @Test func theDialectsVocabulariesAreTheOnesAssumed() throws {
        let metaschema = try #require(Metaschemas.document(for: Metaschemas.base + "schema"))
        let declared = try #require(metaschema["$vocabulary"]?.objectValue)
        var listed: Vocabularies = [.core]
        for (uri, required) in declared {
            #expect(required == .bool(true), "\(uri)")
            listed.insert(try #require(Vocabularies.byURI[uri], "unknown vocabulary \(uri)"))
        }
        #expect(listed == .draft202012)
    }

    @Test func everyBuiltInMetaschemaParses() {
        for path in ["schema", "meta/core", "meta/applicator", "meta/unevaluated", "meta/validation", "meta/meta-data",
                     "meta/format-annotation", "meta/format-assertion", "meta/content"] {
            #expect(Metaschemas.document(for: Metaschemas.base + path)?.objectValue != nil, "\(path)")
        }
        #expect(Metaschemas.document(for: Metaschemas.draft7URI)?.objectValue != nil)
        #expect(Metaschemas.document(for: "https://example.com/not-built-in") == nil)
    }
}
