/// How a validator treats the optional parts of draft 2020-12.
public struct ValidationOptions: Sendable, Hashable {
    /// When true, `format` asserts (an invalid date-time is an error) for the formats this
    /// library knows; unknown formats are still ignored. When false (the draft 2020-12 default),
    /// `format` is an annotation only, unless the schema's metaschema lists the
    /// format-assertion vocabulary.
    public var formatAssertion: Bool

    public init(formatAssertion: Bool = false) {
        self.formatAssertion = formatAssertion
    }
}
