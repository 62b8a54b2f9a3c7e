internal import CLICommon
internal import ProviderSpec
internal import SpecSource

/// Loading a spec for a command, through the one reader (`SpecReader`): a file, or a folder
/// merged as the agent merges it. Its diagnostics go to stderr; a path that cannot be read is
/// exit 2, an invalid spec ends with `invalid`.
enum SpecFile {
    static func load(_ path: String, invalid: CommandFailure) throws -> (Spec, hash: String) {
        let reading: SpecReading
        do {
            reading = try SpecReader().read(path, from: FolderSpecTree())
        } catch {
            throw CommandFailure(message: "\(path): \(SpecPathProblem.reason(error))")
        }
        let formatter = DiagnosticFormatter(format: .text)
        for file in reading.files {
            for d in file.diagnostics { Terminal.stderr(formatter.styled(d, source: file.bytes)) }
        }
        if let unread = reading.files.first(where: { $0.unreadable != nil }), let problem = unread.unreadable {
            throw CommandFailure(message: "\(unread.name): \(problem.message)")
        }
        guard let spec = reading.spec else { throw invalid }
        return (spec, reading.hash)
    }
}
