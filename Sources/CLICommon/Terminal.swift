#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import JSONCore
import Secrets

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
    public static func stdout(_ text: String) { write(shown(text), to: STDOUT_FILENO) }
    public static func stderr(_ text: String) { write(shown(text), to: STDERR_FILENO) }

    public static func stdout(_ text: StyledText) { write(shown(text, STDOUT_FILENO), to: STDOUT_FILENO) }
    public static func stderr(_ text: StyledText) { write(shown(text, STDERR_FILENO), to: STDERR_FILENO) }

    /// `validate --format github`: workflow commands on purpose (each value in them escaped by
    /// the formatter), so lines starting with "::" are kept.
    public static func stdoutWorkflowCommands(_ text: String) {
        write(VisibleText.escaped(redact(text), keepingLineBreaks: true), to: STDOUT_FILENO)
    }

    /// The one way around the redactor (and the escaping: the value exactly as stored), for
    /// output that asked for secrets by name (`secret get --reveal`, `render --show-secrets`).
    public static func stdoutRevealingSecrets(_ text: String) { write(text, to: STDOUT_FILENO) }

    public static func error(_ message: String) {
        stderr(StyledText("error:", .red) + StyledText(" " + message + "\n"))
    }

    public static func warning(_ message: String) {
        stderr(StyledText("warning:", .yellow) + StyledText(" " + message + "\n"))
    }

    public static func colorOn(_ fd: Int32) -> Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColor && isatty(fd) == 1
    }

    private static func redact(_ text: String) -> String { SecretRedactor.shared.redact(text) }

    private static func shown(_ text: String) -> String {
        VisibleText.defusingWorkflowCommands(VisibleText.escaped(redact(text), keepingLineBreaks: true))
    }

    private static func shown(_ text: StyledText, _ fd: Int32) -> String {
        VisibleText.defusingWorkflowCommands(text.terminal(color: colorOn(fd), transform: redact))
    }

    private static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe: nothing more to say
            }
            bytes = bytes.dropFirst(n)
        }
    }
}
