/// The spec of a commit, read from its tree and checked: one file, or a folder merged.
enum SpecStage {
    /// `invalidStage` names where an invalid spec is reported: `validate` for a new commit,
    /// `drift` when the applied one is read again.
    static func read(_ revision: String, source: any RevisionSource, path: String, repositoryName: String,
                     invalidStage: ReconcileStage = .validate) throws(ReconcileFailure) -> RevisionSpec {
        let reader = RevisionSpecReader(mirror: source, path: path, repositoryName: repositoryName)
        do {
            return try reader.read(revision)
        } catch {
            switch error {
            case .missing, .git: throw ReconcileFailure(.read, .spec(error), revision: revision)
            case .invalid, .merge: throw ReconcileFailure(invalidStage, .spec(error), revision: revision)
            }
        }
    }
}
