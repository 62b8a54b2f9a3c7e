internal import JSONCore

/// A schema that cannot be compiled: a keyword with a value of the wrong kind, a `$ref` that
/// names nothing known, a pattern that is not an ECMA-262 regular expression, or a metaschema
/// that requires a vocabulary this validator does not know.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for a person.
    public var message: String
    /// Where: the absolute URI of the offending schema location (base URI + JSON pointer fragment).
    public var schemaLocation: String

    public init(message: String, schemaLocation: String) {
        self.message = message
        self.schemaLocation = schemaLocation
    }

    public var description: String { "\(schemaLocation): \(message)" }
}
