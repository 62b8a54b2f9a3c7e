import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import JSONCore
internal import ProviderSpec

/// `validate --format`: the stream formats print each diagnostic as it is found; SARIF is one
/// document, printed when every file has been checked.
public enum ValidateFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif
}

/// Where `validate` reports what it finds, in the format asked for. A path that cannot be read
/// is reported in that format too (text: an error on stderr), and checking goes on.
struct ValidationOutput {
    let format: ValidateFormat
    private let formatter: DiagnosticFormatter?
    private var collected: [Diagnostic] = []

    init(format: ValidateFormat) {
        self.format = format
        switch format {
        case .text: formatter = DiagnosticFormatter(format: .text)
        case .json: formatter = DiagnosticFormatter(format: .json)
        case .github: formatter = DiagnosticFormatter(format: .github)
        case .sarif: formatter = nil
        }
    }

    mutating func report(_ d: Diagnostic, source: [UInt8]?) {
        guard let formatter else { collected.append(d); return }
        switch format {
        // Workflow commands are this format's point: the escaping that defuses them elsewhere
        // is done by the formatter here.
        case .github: Terminal.stdoutWorkflowCommands(formatter.render(d, source: source))
        case .text: Terminal.stdout(formatter.styled(d, source: source))
        case .json, .sarif: Terminal.stdout(formatter.render(d, source: source))
        }
    }

    /// A path that could not be read or listed, with the reason.
    mutating func unreadable(_ path: String, reason: String) {
        if format == .text {
            Terminal.error("\(path): \(reason)")
            return
        }
        report(Diagnostic(severity: .error, file: path, position: nil, message: reason, code: DiagnosticRules.unreadableCode),
               source: nil)
    }

    func finish() {
        guard format == .sarif else { return }
        let tool = SARIFLog.Tool(name: "provider-sync", version: ToolVersion.string, informationURI: "https://provider-sync.dev")
        Terminal.stdout(JSONWriter.pretty(SARIFLog(tool: tool, diagnostics: collected).json()) + "\n")
    }
}
