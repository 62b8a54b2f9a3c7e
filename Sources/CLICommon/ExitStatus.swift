/// This tool's version, the same in every program of it.
public enum ToolVersion {
    public static let string = "0.1.0"
}

/// The exit codes scripts can rely on.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// The check failed: invalid spec, diff found changes.
    public static let failed: Int32 = 1
    /// Usage, I/O or environment error.
    public static let usage: Int32 = 2
}

/// An error that ends a command with a message and an exit code.
public struct CommandFailure: Error {
    public var message: String
    public var exitCode: Int32 = ExitStatus.usage

    public init(message: String, exitCode: Int32 = ExitStatus.usage) {
        self.message = message
        self.exitCode = exitCode
    }
}
