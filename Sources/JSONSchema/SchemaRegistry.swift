public import JSONCore

/// Schemas known by URI, for `$ref`s that leave the schema being compiled (and for `$schema`
/// metaschemas). The draft 2020-12 metaschema and its vocabulary metaschemas are always known.
public struct SchemaRegistry: Sendable {
    private var documents: [String: JSONValue] = [:]

    public init() {}

    /// Makes `schema` retrievable as `uri` (an absolute URI; a fragment is ignored). A schema
    /// with its own `$id` is also found under that `$id` once a reference reaches it.
    public mutating func add(_ schema: JSONValue, uri: String) {
        documents[Self.key(uri)] = schema
    }

    /// The schema registered (or built in) under `uri`, if any.
    public func schema(for uri: String) -> JSONValue? {
        let key = Self.key(uri)
        return documents[key] ?? Metaschemas.document(for: key)
    }

    /// The schema added under `uri`, leaving out the built-in metaschemas.
    func added(_ uri: String) -> JSONValue? { documents[Self.key(uri)] }

    static func key(_ uri: String) -> String { URIReference(uri).withoutFragment.description }
}
