import CLICommon
import FoundationEssentials
import ProviderSpec

/// Loading a spec for a command: its diagnostics go to stderr; an unreadable file is exit 2,
/// an invalid one ends with `invalid`.
enum SpecFile {
    static func load(_ path: String, invalid: CommandFailure) throws -> (Spec, bytes: [UInt8]) {
        let loaded: LoadedSpec
        do {
            loaded = try SpecLoader.standard.load(path: path)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let formatter = DiagnosticFormatter(format: .text)
        for d in loaded.diagnostics { Terminal.stderr(formatter.styled(d, source: loaded.bytes)) }
        guard let spec = loaded.spec else { throw invalid }
        return (spec, loaded.bytes)
    }
}
