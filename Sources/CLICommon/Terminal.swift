import Foundation
import Secrets

/// Output streams, and whether to use color (a terminal, and NO_COLOR not set).
public enum Terminal {
    public static func stdout(_ text: String) { write(SecretRedactor.shared.redact(text), to: STDOUT_FILENO) }
    public static func stderr(_ text: String) { write(SecretRedactor.shared.redact(text), to: STDERR_FILENO) }

    /// The one way around the redactor, for output that asked for secrets by name
    /// (`secret get --reveal`, `render --show-secrets`).
    public static func stdoutRevealingSecrets(_ text: String) { write(text, to: STDOUT_FILENO) }

    public static func error(_ message: String) {
        stderr((colorOn(STDERR_FILENO) ? "\u{1B}[1;31merror:\u{1B}[0m " : "error: ") + message + "\n")
    }

    public static func warning(_ message: String) {
        stderr((colorOn(STDERR_FILENO) ? "\u{1B}[1;33mwarning:\u{1B}[0m " : "warning: ") + message + "\n")
    }

    public static func colorOn(_ fd: Int32) -> Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColor && isatty(fd) == 1
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
