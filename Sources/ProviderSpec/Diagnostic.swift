public import JSONCore

/// One problem found in a file, at the place it is about, with what to do.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var file: String
    /// Nil when the problem is about the whole file (it could not be read).
    public var position: SourcePosition?
    /// Where the node or key it is about ends (exclusive), when known.
    public var end: SourcePosition?
    public var message: String
    /// How to fix it, when there is something better to say than the message.
    public var hint: String?
    /// The JSON pointer of the node, when the diagnostic is about one.
    public var pointer: JSONPointer?
    /// A stable identifier of the rule ("schema.additionalProperties", "spec.literal-secret"...).
    public var code: String
    /// The span of a secret value this diagnostic is about: never shown in a source excerpt.
    public var secretSpan: SourceSpan?
    /// Other places it is about, in other files too (where a provider declared twice was
    /// declared first). The message names them as well, for formats without this field.
    public var related: [RelatedLocation] = []

    public init(severity: Severity, file: String, position: SourcePosition?, message: String,
                hint: String? = nil, pointer: JSONPointer? = nil, code: String) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = message
        self.hint = hint
        self.pointer = pointer
        self.code = code
    }
}

/// A place a diagnostic points to besides its own.
public struct RelatedLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var start: SourcePosition?
    public var end: SourcePosition?

    public init(file: String, start: SourcePosition?, end: SourcePosition? = nil) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// "providers.d/10-local.yaml:3:3".
    public var description: String { start.map { "\(file):\($0.line):\($0.column)" } ?? file }
}
