import FoundationEssentials
internal import JSONCore
import Logging
internal import Redaction
internal import Secrets
internal import SystemIO

/// The agent's log: one line per event on stderr (journald and launchd keep it),
/// `<ISO time> <level> <event> key=value...`, every line through the secret redactor and at
/// most `maxLineBytes` long (a 10 MB line of a spec, quoted in an error, would otherwise be
/// written again on every retry); with a journald priority prefix (`<3>`...) when stderr is
/// the journal.
public struct AgentLogHandler: LogHandler {
    /// The most bytes of one log line, its line break included.
    public static let maxLineBytes = 4096

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let sink: @Sendable (String) -> Void
    private let journalPriorities: Bool

    /// Writes to `sink` (default: stderr); `journalPriorities` prefixes each line with its
    /// syslog priority (default: when stderr is the journal).
    public init(level: Logger.Level = .info, journalPriorities: Bool = JournalStream.isStandardError,
                sink: @escaping @Sendable (String) -> Void = AgentLogHandler.standardError) {
        logLevel = level
        self.journalPriorities = journalPriorities
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        if let error = event.error { fields["error"] = .string("\(error)") }
        let line = Self.line(time: Date(), level: event.level, event: "\(event.message)", fields: fields)
        sink(journalPriorities ? JournalStream.prefix(event.level) + line : line)
    }

    static func line(time: Date, level: Logger.Level, event: String, fields: Logger.Metadata) -> String {
        var line = "\(AgentTime.text(time)) \(level.rawValue) \(VisibleText.escaped(event))"
        // Keys in a fixed order (insertion order is lost in a dictionary): easy to read and grep.
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(quoted(text(value)))"
        }
        // Cut after redaction, so that no cut leaves a piece of a key the redactor would miss.
        return BoundedText.clipped(SecretRedactor.shared.redact(line), maxBytes: maxLineBytes - 1) + "\n"
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let items): items.map(text).joined(separator: ",")
        case .dictionary(let d): d.sorted { $0.key < $1.key }.map { "\($0.key):\(text($0.value))" }.joined(separator: ",")
        }
    }

    /// Bare when the value is one plain word, else a JSON string (`"` `\` and control characters
    /// escaped), so that every event stays on one line. C1 controls and bidi overrides, which
    /// JSON leaves alone, are escaped too (`\u009b`, still JSON): a server's message in the
    /// log cannot drive the terminal that follows it (`agent run` in the foreground, journalctl).
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && s.value < 0x7f && s != "\"" && s != "\\" && s != "="
        }
        return plain ? value : VisibleText.escaped(JSONWriter.quoted(value))
    }

    public static let standardError: @Sendable (String) -> Void = { StandardStream.error.write($0) }
}

/// Times as the agent writes them in logs and status: ISO 8601 UTC, the nearest millisecond,
/// the millisecond the metrics file shows too (`MetricsTextfile.number`). Read back and written
/// again, a time is the same text: status.json is rewritten every cycle from what it holds.
public enum AgentTime {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// The formatter truncates to milliseconds, and ".855" read back is 0.85499999...: given as
    /// is, a time lost a millisecond at about every other rewrite. It is given the middle of the
    /// millisecond wanted, which no rounding error moves into the one before.
    public static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return Date(timeIntervalSince1970: (milliseconds + 0.5) / 1000).formatted(style)
    }

    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: style) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
