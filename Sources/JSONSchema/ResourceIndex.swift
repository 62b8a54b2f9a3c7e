internal import JSONCore

/// A schema location: a document and a JSON pointer (as tokens) into it.
struct SchemaLocation: Hashable {
    let document: Int
    let tokens: [String]
}

/// A schema resource found while indexing: where it is, and its anchors.
struct IndexedResource {
    let uri: URIReference
    let location: SchemaLocation
    let vocabularies: Vocabularies
    let dialect: Dialect
    var anchors: [String: [String]] = [:]
    var dynamicAnchors: [String: [String]] = [:]
}

/// Finds the identifiers in schema documents: `$id` (new resources and base URIs), `$anchor`
/// and `$dynamicAnchor`. Only keywords known to hold subschemas are searched, so an `$id`
/// inside `enum`, `const` or an unknown keyword is not taken for an identifier.
struct ResourceIndex {
    private(set) var documents: [JSONValue] = []
    private(set) var resources: [IndexedResource] = []
    private(set) var resourceByURI: [String: Int] = [:]
    /// The resource of every subschema position the walk visited.
    private(set) var resourceAt: [SchemaLocation: Int] = [:]
    let registry: SchemaRegistry
    /// What a document without `$schema` is read as.
    private let defaultMetaschema: String?

    static let placeholderBase = URIReference("json-schema:///root.json")

    /// Subschema-holding keywords, by shape.
    static let singleSchemaKeywords: Set<String> = [
        "additionalProperties", "unevaluatedProperties", "items", "unevaluatedItems", "contains", "propertyNames",
        "if", "then", "else", "not", "contentSchema", "additionalItems",
    ]
    static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    static let schemaMapKeywords: Set<String> = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"]

    init(registry: SchemaRegistry, defaultMetaschema: String? = nil) {
        self.registry = registry
        self.defaultMetaschema = defaultMetaschema
    }

    /// Indexes a document retrieved from (or given the base) `uri`; returns its number.
    mutating func addDocument(_ value: JSONValue, uri: URIReference) throws(SchemaError) -> Int {
        documents.append(value)
        let document = documents.count - 1
        let location = SchemaLocation(document: document, tokens: [])
        var vocabularies = Vocabularies.draft202012
        var dialect = Dialect.draft202012
        if let defaultMetaschema {
            vocabularies = try self.vocabularies(ofMetaschema: defaultMetaschema, at: location)
            dialect = Dialect(metaschema: defaultMetaschema) ?? .draft202012
        }
        try walk(value, location, base: uri, resource: nil, vocabularies: vocabularies, dialect: dialect)
        return document
    }

    /// The resource with this URI (no fragment), loading it from the registry when needed.
    mutating func resource(for uri: URIReference) throws(SchemaError) -> Int? {
        let key = uri.withoutFragment.description
        if let r = resourceByURI[key] { return r }
        guard let value = registry.schema(for: key) else { return nil }
        _ = try addDocument(value, uri: uri.withoutFragment)
        if resourceByURI[key] == nil {
            // The document's own $id differs from where it was found: answer to both.
            if let rootResource = resourceAt[SchemaLocation(document: documents.count - 1, tokens: [])] {
                resourceByURI[key] = rootResource
            }
        }
        return resourceByURI[key]
    }

    /// The resource a location belongs to: recorded for subschema positions, otherwise that
    /// of the nearest recorded ancestor (a `$ref` may point into an unknown keyword).
    func resourceOf(_ location: SchemaLocation) -> Int {
        var tokens = location.tokens
        while true {
            if let r = resourceAt[SchemaLocation(document: location.document, tokens: tokens)] { return r }
            if tokens.isEmpty { return 0 }
            tokens.removeLast()
        }
    }

    func value(at location: SchemaLocation) -> JSONValue? {
        documents[location.document].value(at: JSONPointer(location.tokens))
    }

    func describe(_ location: SchemaLocation) -> String {
        let r = resourceOf(location)
        let resource = resources[r]
        let relative = Array(location.tokens.dropFirst(resource.location.tokens.count))
        return resource.uri.description + "#" + JSONPointer(relative).description
    }

    private mutating func walk(_ value: JSONValue, _ location: SchemaLocation, base: URIReference, resource: Int?,
        vocabularies: Vocabularies, dialect: Dialect) throws(SchemaError)
    {
        var resource = resource
        var base = base
        var vocabularies = vocabularies
        var dialect = dialect
        guard case .object(let object) = value else {
            if resource == nil {
                resource = addResource(base, location, vocabularies, dialect)
            }
            resourceAt[location] = resource
            return
        }
        if resource == nil || object["$id"] != nil, let schemaURI = object["$schema"]?.stringValue {
            vocabularies = try self.vocabularies(ofMetaschema: schemaURI, at: location)
            dialect = Dialect(metaschema: schemaURI) ?? .draft202012
        }
        let legacy = dialect < .draft201909
        var id: URIReference? = nil
        var plainNameAnchor: String? = nil
        // Before 2019-09 "$ref" replaces its siblings, "$id" included; "$id": "#name" is an anchor.
        if let text = object["$id"]?.stringValue, !(legacy && object["$ref"] != nil) {
            let resolved = URIReference(text).resolved(against: base)
            if legacy, let fragment = resolved.fragment, !fragment.isEmpty {
                plainNameAnchor = fragment
                if resolved.withoutFragment != base { id = resolved.withoutFragment }
            } else {
                id = resolved.withoutFragment
            }
        }
        if resource == nil || id != nil {
            if let id { base = id }
            resource = addResource(base, location, vocabularies, dialect)
        }
        let r = resource!
        resourceAt[location] = r
        if let anchor = legacy ? plainNameAnchor : object["$anchor"]?.stringValue {
            resources[r].anchors[anchor] = location.tokens
        }
        if !legacy, let anchor = object["$dynamicAnchor"]?.stringValue {
            resources[r].anchors[anchor] = location.tokens
            resources[r].dynamicAnchors[anchor] = location.tokens
        }
        for (key, child) in object {
            if Self.singleSchemaKeywords.contains(key), !(key == "items" && child.arrayValue != nil) {
                try walk(child, SchemaLocation(document: location.document, tokens: location.tokens + [key]), base: base,
                    resource: r, vocabularies: vocabularies, dialect: dialect)
            } else if Self.schemaArrayKeywords.contains(key) || key == "items", case .array(let items) = child {
                for (i, item) in items.enumerated() {
                    try walk(item, SchemaLocation(document: location.document, tokens: location.tokens + [key, String(i)]),
                        base: base, resource: r, vocabularies: vocabularies, dialect: dialect)
                }
            } else if Self.schemaMapKeywords.contains(key) || key == "dependencies", case .object(let members) = child {
                for (name, member) in members {
                    if key == "dependencies", case .array = member { continue }
                    try walk(member, SchemaLocation(document: location.document, tokens: location.tokens + [key, name]),
                        base: base, resource: r, vocabularies: vocabularies, dialect: dialect)
                }
            }
        }
    }

    private mutating func addResource(_ uri: URIReference, _ location: SchemaLocation, _ vocabularies: Vocabularies,
        _ dialect: Dialect) -> Int
    {
        resources.append(IndexedResource(uri: uri, location: location, vocabularies: vocabularies, dialect: dialect))
        let r = resources.count - 1
        let key = uri.description
        // The first (outermost) resource to claim a URI keeps it.
        if resourceByURI[key] == nil { resourceByURI[key] = r }
        return r
    }

    /// The vocabularies a metaschema's `$vocabulary` enables; the full 2020-12 set when it has
    /// none or cannot be found. An unknown vocabulary marked required is an error.
    private mutating func vocabularies(ofMetaschema uri: String, at location: SchemaLocation) throws(SchemaError) -> Vocabularies {
        let key = URIReference(uri).withoutFragment.description
        let metaschema: JSONValue?
        if let r = resourceByURI[key] {
            metaschema = value(at: resources[r].location)
        } else if let added = registry.added(key) {
            metaschema = added
        } else if key == Metaschemas.base + "schema" {
            // The built-in 2020-12 metaschema lists the seven vocabularies of .draft202012 (a
            // test checks they agree): known without parsing it, which a plain `validate` paid.
            return .draft202012
        } else {
            metaschema = Metaschemas.document(for: key)
        }
        guard case .object(let declared)? = metaschema?["$vocabulary"] else {
            // Drafts before 2019-09 had no vocabularies, and no unevaluated* keywords.
            let older = Dialect(metaschema: uri).map { $0 < .draft201909 } ?? false
            return older ? Vocabularies.draft202012.subtracting(.unevaluated) : .draft202012
        }
        var result: Vocabularies = [.core]
        for (vocabulary, required) in declared {
            if let known = Vocabularies.byURI[URIReference(vocabulary).withoutFragment.description] {
                result.insert(known)
            } else if required == .bool(true) {
                throw SchemaError(message: "the metaschema \(uri) requires the unknown vocabulary \(vocabulary)",
                    schemaLocation: key)
            }
        }
        return result
    }
}
