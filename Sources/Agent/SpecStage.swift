import FoundationEssentials
internal import GitSource
internal import JSONCore
internal import ProviderSpec
internal import SpecSource

/// The spec of a commit, read from its tree through the one spec reader (`SpecReader`, as
/// `validate`, `apply` and the hooks read theirs) and checked: one file, or a folder merged.
enum SpecStage {
    /// `invalidStage` names where an invalid spec is reported: `validate` for a new commit,
    /// `drift` when the applied one is read again.
    static func read(_ revision: String, source: any RevisionSource, path: String, repositoryName: String,
                     invalidStage: ReconcileStage = .validate) throws(ReconcileFailure) -> RevisionSpec {
        let reading: SpecReading
        do {
            reading = try SpecReader().read(path, from: CommitSpecTree(source: source, commit: revision),
                                            shownAs: "\(repositoryName)@\(revision.prefix(7)):")
        } catch {
            throw ReconcileFailure(.read, .spec(failure(error, path: path, revision: revision)), revision: revision)
        }
        let formatter = DiagnosticFormatter(format: .text)
        var errors: [Diagnostic] = [], problems: [String] = [], warnings: [String] = [], invalid: [String] = []
        for file in reading.files {
            var diagnostics = file.diagnostics
            // A tree from git has no file this machine cannot read; should one appear, it is an error of the file.
            if let problem = file.unreadable {
                diagnostics.append(Diagnostic(severity: .error, file: file.name, position: nil, message: problem.message,
                                              code: SpecReader.fileCode))
            }
            for d in diagnostics {
                let rendered = formatter.render(d, source: file.bytes).trimming(while: \.isNewline)
                if d.severity == .error {
                    errors.append(d)
                    problems.append(rendered)
                } else {
                    warnings.append(rendered)
                }
            }
            if diagnostics.contains(where: { $0.severity == .error }) { invalid.append(file.name) }
        }
        guard problems.isEmpty, let spec = reading.spec else {
            throw ReconcileFailure(invalidStage, .spec(.invalid(InvalidSpec(files: invalid, diagnostics: errors, rendered: problems))),
                                   revision: revision)
        }
        return RevisionSpec(spec: spec, files: reading.files.map(\.name), warnings: warnings, hash: reading.hash)
    }

    private static func failure(_ error: SpecPathError<GitSourceError>, path: String, revision: String) -> SpecReadFailure {
        switch error {
        case .missing:
            .missing("\(path) does not exist in commit \(revision.prefix(12)); set source.path in agent.yaml to the spec's path in the repository")
        case .noSpecFiles:
            .missing("the folder \(path) in commit \(revision.prefix(12)) has no spec files (*.yaml or *.yml whose names do not start with a dot)")
        case .tree(let error):
            .git(error)
        }
    }
}
