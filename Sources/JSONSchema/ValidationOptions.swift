/// How a validator treats the optional parts of draft 2020-12, and schemas of older drafts.
public struct ValidationOptions: Sendable, Hashable {
    /// When true, `format` asserts (an invalid date-time is an error) for the formats this
    /// library knows; unknown formats are still ignored. When false (the draft 2020-12 default),
    /// `format` is an annotation only, unless the schema's metaschema lists the
    /// format-assertion vocabulary.
    public var formatAssertion: Bool

    /// The metaschema a schema without `$schema` is read by: draft 2020-12 when nil. For
    /// example "http://json-schema.org/draft-07/schema#" reads such schemas as draft 7 (array
    /// `items`, `$ref` replacing its siblings, `$id: "#name"` anchors, no 2019-09 keywords).
    public var defaultMetaschema: String?

    public init(formatAssertion: Bool = false, defaultMetaschema: String? = nil) {
        self.formatAssertion = formatAssertion
        self.defaultMetaschema = defaultMetaschema
    }
}
