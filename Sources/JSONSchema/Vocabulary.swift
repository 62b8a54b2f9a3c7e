/// The draft 2020-12 vocabularies. A metaschema's `$vocabulary` chooses which of them apply to
/// the schemas written in its dialect; keywords of a vocabulary that is not listed are ignored.
struct Vocabularies: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let core = Vocabularies(rawValue: 1 << 0)
    static let applicator = Vocabularies(rawValue: 1 << 1)
    static let unevaluated = Vocabularies(rawValue: 1 << 2)
    static let validation = Vocabularies(rawValue: 1 << 3)
    static let metaData = Vocabularies(rawValue: 1 << 4)
    static let formatAnnotation = Vocabularies(rawValue: 1 << 5)
    static let formatAssertion = Vocabularies(rawValue: 1 << 6)
    static let content = Vocabularies(rawValue: 1 << 7)

    /// What a schema without `$schema` (or with the 2020-12 metaschema) gets.
    static let draft202012: Vocabularies = [
        .core, .applicator, .unevaluated, .validation, .metaData, .formatAnnotation, .content,
    ]

    static let byURI: [String: Vocabularies] = [
        "https://json-schema.org/draft/2020-12/vocab/core": .core,
        "https://json-schema.org/draft/2020-12/vocab/applicator": .applicator,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": .unevaluated,
        "https://json-schema.org/draft/2020-12/vocab/validation": .validation,
        "https://json-schema.org/draft/2020-12/vocab/meta-data": .metaData,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": .formatAnnotation,
        "https://json-schema.org/draft/2020-12/vocab/format-assertion": .formatAssertion,
        "https://json-schema.org/draft/2020-12/vocab/content": .content,
    ]
}

/// The dialect a schema resource is written in, from its `$schema`. Earlier drafts are read
/// for what differs in shape (array-form `items`, `additionalItems`, `$ref` overriding its
/// siblings before 2019-09, draft 4's boolean exclusive bounds), so that a 2020-12 schema can
/// reference an older one.
enum Dialect: Int, Sendable, Comparable {
    case draft4 = 4, draft6 = 6, draft7 = 7, draft201909 = 2019, draft202012 = 2020

    init?(metaschema uri: String) {
        // http or https, with or without an empty fragment (no string is built: every schema's
        // compilation asks this once).
        var key = uri.utf8[...]
        if key.last == UInt8(ascii: "#") { key.removeLast() }
        if key.starts(with: "https://".utf8) { key.removeFirst(8) } else if key.starts(with: "http://".utf8) { key.removeFirst(7) } else {
            return nil
        }
        func names(_ path: String) -> Bool { key.elementsEqual(path.utf8) }
        if names("json-schema.org/draft/2020-12/schema") { self = .draft202012 }
        else if names("json-schema.org/draft/2019-09/schema") { self = .draft201909 }
        else if names("json-schema.org/draft-07/schema") { self = .draft7 }
        else if names("json-schema.org/draft-06/schema") { self = .draft6 }
        else if names("json-schema.org/draft-04/schema") { self = .draft4 }
        else { return nil }
    }

    static func < (a: Dialect, b: Dialect) -> Bool { a.rawValue < b.rawValue }
}
