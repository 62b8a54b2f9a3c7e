public import JSONCore
internal import Redaction
public import SystemIO
internal import Workstation

/// Output streams, and whether to use color (a terminal, and NO_COLOR not set).
///
/// Every line the tool prints goes through here, twice filtered: the redactor masks secrets,
/// then every control character is shown as a visible escape (`\x1b`, `\r`; line breaks and
/// tabs stay), so that text from a server, a spec or a file cannot recolour the terminal, set
/// its title or move the cursor. Styles come only from `StyledText`, applied after that.
/// Renderers that put an untrusted value on one line escape its line breaks too
/// (`VisibleText.escaped`), so a value cannot start a line of its own; and a line that would
/// still read as a GitHub Actions command (`::error ...`) is defused here.
public enum Terminal {
    public static func stdout(_ text: String) { StandardStream.output.write(shown(text)) }
    public static func stderr(_ text: String) { StandardStream.error.write(shown(text)) }

    public static func stdout(_ text: StyledText) { StandardStream.output.write(shown(text, .output)) }
    public static func stderr(_ text: StyledText) { StandardStream.error.write(shown(text, .error)) }

    /// `validate --format github`: workflow commands on purpose (each value in them escaped by
    /// the formatter), so lines starting with "::" are kept.
    public static func stdoutWorkflowCommands(_ text: String) {
        StandardStream.output.write(VisibleText.escaped(redact(text), keepingLineBreaks: true))
    }

    /// The one way around the redactor (and the escaping: the value exactly as stored), for
    /// output that asked for secrets by name (`secret get --reveal`, `render --show-secrets`).
    public static func stdoutRevealingSecrets(_ text: String) { StandardStream.output.write(text) }

    public static func error(_ message: String) {
        stderr(StyledText("error:", .red) + StyledText(" " + message + "\n"))
    }

    public static func warning(_ message: String) {
        stderr(StyledText("warning:", .yellow) + StyledText(" " + message + "\n"))
    }

    public static func colorOn(_ stream: StandardStream) -> Bool {
        Environment.process()[.noColor] == nil && stream.isTerminal
    }

    private static func redact(_ text: String) -> String { SecretRedactor.shared.redact(text) }

    private static func shown(_ text: String) -> String {
        VisibleText.defusingWorkflowCommands(VisibleText.escaped(redact(text), keepingLineBreaks: true))
    }

    private static func shown(_ text: StyledText, _ stream: StandardStream) -> String {
        VisibleText.defusingWorkflowCommands(text.terminal(color: colorOn(stream), transform: redact))
    }
}
