internal import JSONCore
internal import ProviderSpec
internal import Redaction

/// One diagnostic of an invalid spec as the status file keeps it: the fields of `validate
/// --format json` (file, line, column, severity, code, message), so a script reads the same
/// verdict from the agent as from validate.
public struct DiagnosticRecord: Codable, Equatable, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var severity: String
    public var code: String
    public var message: String

    init(_ d: Diagnostic) {
        file = d.file
        line = d.position?.line
        column = d.position?.column
        severity = d.severity.rawValue
        code = d.code
        // Redacted and bounded as the message is: the file outlives the process that knew the keys.
        message = BoundedText.clipped(SecretRedactor.shared.redact(d.message), maxBytes: DiagnosticFormatter.messageLimit)
    }
}
