import ArgumentParser
internal import SystemIO

/// How the probe reaches a server: the options `probe` and `models` share. Declared once,
/// parsed by `provider-sync` (which checks them before it reads the keychain) and handed on to
/// provider-sync-probe as given.
public struct ProbeConnectionOptions: ParsableArguments {
    @Option(help: "Bound of each request, in seconds (the connect bound is the smaller of this and 5).")
    public var timeout: Double = 20

    @Option(help: ArgumentHelp("A PEM file of extra CAs to trust (a company CA).", valueName: "path"))
    public var caFile: String?

    public init() {}

    public func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
        // The TLS library reads it: only a regular file of sane size is handed on (a FIFO
        // there would block the probe for good).
        if let caFile {
            do {
                try FileReader.requireRegularFile(caFile)
            } catch {
                throw ValidationError("--ca-file: \(error)")
            }
        }
    }

    /// The options as provider-sync-probe reads them.
    public var arguments: [String] {
        ["--timeout", "\(timeout)"] + (caFile.map { ["--ca-file", $0] } ?? [])
    }
}

/// What `probe` checks and how it reports.
public struct ProbeCheckOptions: ParsableArguments {
    /// The checks, as both programs' `probe --help` says them.
    public static let checksDescription = """
        Per provider: reachable (DNS, TCP, TLS), GET /models with the key; per model: served, \
        a chat completion, a streamed one (SSE ending in [DONE], not held back by a proxy), and \
        a tool call (streamed and not). Providers are probed concurrently. The key is never \
        printed.
        """

    @Option(help: "text or json.")
    public var format: OutputFormat = .text

    @OptionGroup public var connection: ProbeConnectionOptions

    @Flag(help: "Skip the tool-call check (two requests fewer per model).")
    public var noTools = false

    @Option(help: "Providers probed at the same time.")
    public var concurrency = 4

    public init() {}

    public func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    }

    public var arguments: [String] {
        ["--format", format.rawValue] + connection.arguments + (noTools ? ["--no-tools"] : []) + ["--concurrency", "\(concurrency)"]
    }
}
