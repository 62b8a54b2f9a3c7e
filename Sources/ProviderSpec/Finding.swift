internal import JSONCore

/// A problem found in a document before positions are attached: the loader turns findings
/// into diagnostics by looking their pointer up in the source map.
struct Finding {
    var severity: Diagnostic.Severity
    var pointer: JSONPointer
    /// Point at the member's key rather than its value (unknown or misplaced names).
    var atKey: Bool = false
    var message: String
    var hint: String?
    var code: String
    /// The value is a secret: never show it in the source excerpt.
    var secretValue: Bool = false
    /// For an unknown name: the known name it is probably a typo of.
    var suggestion: String?
    /// For a missing required member: its name.
    var missing: String?
}
