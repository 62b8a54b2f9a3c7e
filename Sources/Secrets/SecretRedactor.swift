import JSONCore
import Foundation

/// The one redaction path: every secret value seen during the run is registered here, and every
/// output of the tool passes through `redact` before it is written.
public final class SecretRedactor: @unchecked Sendable {
    /// The registry of this process.
    public static let shared = SecretRedactor()
    public static let mask = "********"
    /// Shorter values are not masked: they would mask ordinary text everywhere.
    public static let minimumLength = 4

    private let lock = NSLock()
    /// Longest first, so a value that contains another is masked whole.
    private var values: [String] = []

    public init() {}

    /// Remembers `value` (and its JSON-escaped form, when that differs) for masking.
    public func register(_ value: String) {
        guard value.count >= Self.minimumLength else { return }
        var forms = [value]
        let escaped = Self.jsonEscaped(value)
        if escaped != value { forms.append(escaped) }
        lock.lock()
        defer { lock.unlock() }
        for form in forms where !values.contains(form) {
            values.append(form)
        }
        values.sort { $0.utf8.count > $1.utf8.count }
    }

    /// `text` with every registered value replaced by `********`.
    public func redact(_ text: String) -> String {
        lock.lock()
        let current = values
        lock.unlock()
        var result = text
        for value in current where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: Self.mask)
        }
        return result
    }

    /// How the value reads inside a JSON string, as opencode.json and `--format json` show it:
    /// the writer's own escaping, so the two cannot disagree.
    static func jsonEscaped(_ value: String) -> String {
        String(JSONWriter.quoted(value).dropFirst().dropLast())
    }
}
