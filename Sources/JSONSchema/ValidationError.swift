public import JSONCore

/// One reason an instance does not satisfy a schema.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// Structured facts about the failure, for callers that do more than print the message
    /// (suggest a close property name, list allowed values, pick the best `anyOf` branch).
    public enum Detail: Sendable, Hashable {
        /// A property that `additionalProperties: false` or `unevaluatedProperties: false`
        /// rejects; the error is located at the property itself.
        case additionalProperty(String)
        /// A property that `required` (or `dependentRequired`) asks for; located at the object.
        case missingProperty(String)
        /// The value is not one of `enum` (or not the `const`, given as a single allowed value).
        case notInEnum(allowed: [JSONValue])
        /// `type` failed; `actual` is the instance's type name ("integer" for integral numbers).
        case typeMismatch(expected: [String], actual: String)
        /// `pattern` failed; the ECMA-262 source of the pattern.
        case patternMismatch(pattern: String)
        /// An asserted `format` failed.
        case invalidFormat(String)
        /// `anyOf` or `oneOf` matched no branch: `causes` holds one `.branch` error per branch.
        case noBranchMatched
        /// One branch of a failed `anyOf`/`oneOf`: its index, and its own errors as `causes`.
        case branch(Int)
        /// `oneOf` matched more than one branch (their indices).
        case multipleBranchesMatched([Int])
        /// A `false` schema (other than the additional-property case): nothing is allowed here.
        case falseSchema
        /// Every other keyword: bounds, lengths, uniqueness, `not`, `contains`, ...
        case other
    }

    /// The failing value in the instance.
    public var instanceLocation: JSONPointer
    /// The evaluation path to the keyword, through `$ref`/`$dynamicRef` (e.g. `/properties/a/$ref/type`).
    public var keywordLocation: JSONPointer
    /// The keyword's absolute location (resource URI + `#` + JSON pointer), when the schema
    /// resource has a URI of its own (an `$id`, or a URI it was registered under).
    public var absoluteKeywordLocation: String?
    /// The keyword that failed (`type`, `required`, `anyOf`, ...).
    public var keyword: String
    /// A sentence for a person: `missing required property 'url'`.
    public var message: String
    public var detail: Detail
    /// For `anyOf`/`oneOf`: one `.branch` error per branch, each with that branch's errors.
    public var causes: [ValidationError]

    public init(instanceLocation: JSONPointer, keywordLocation: JSONPointer, absoluteKeywordLocation: String?,
        keyword: String, message: String, detail: Detail = .other, causes: [ValidationError] = [])
    {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.keyword = keyword
        self.message = message
        self.detail = detail
        self.causes = causes
    }

    /// `"<instance pointer>: <message>"`, with the root shown as `(root)`.
    public var description: String {
        let at = instanceLocation.tokens.isEmpty ? "(root)" : instanceLocation.description
        return "\(at): \(message)"
    }
}
