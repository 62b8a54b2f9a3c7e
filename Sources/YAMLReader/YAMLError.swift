public import JSONCore

/// Why a YAML text could not become a JSON value, and where.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// libyaml rejected the text (scanner or parser error), or it holds a control character.
        case syntax
        /// The bytes are not UTF-8 (also a UTF-16 or UTF-32 file).
        case invalidUTF8
        /// A mapping repeats a key; the position is the second one.
        case duplicateKey
        /// A key is a mapping, a sequence, or a scalar the core schema reads as null, a boolean
        /// or a number: JSON object keys are strings.
        case nonStringKey
        /// A tag outside the YAML 1.2 core schema (`!foo`, `!!binary`, `!!timestamp`, …).
        case unknownTag
        /// A core tag on a node it does not fit (`!!int abc`, `!!map` on a sequence).
        case tagMismatch
        /// A value JSON cannot hold: infinity, NaN, an integer beyond 2^53, a recursive alias.
        case unsupportedValue
        /// An alias names no anchor defined before it.
        case undefinedAlias
        /// Aliases would expand to more nodes than `YAMLLimits.maxAliasExpansion` allows.
        case aliasBudget
        /// Nesting deeper than `YAMLLimits.maxDepth`.
        case tooDeep
        /// The input is longer than `YAMLLimits.maxBytes` (or libyaml ran out of memory).
        case tooLarge
        /// The stream has a second document; the position is its start.
        case multipleDocuments
        /// There is no content: no document, or a document with nothing in it. The caller
        /// decides whether that is an error.
        case empty
    }

    public var kind: Kind
    public var message: String
    public var position: SourcePosition
    /// What to do, when libyaml's message does not say (a tab used for indentation).
    public var hint: String?

    public init(kind: Kind, message: String, position: SourcePosition, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
        self.hint = hint
    }

    public var description: String { "\(position): \(message)" }
}
