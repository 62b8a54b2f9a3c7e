internal import GitSource
internal import SpecSource

/// A commit's tree as a spec tree: what the one spec reader (`SpecReader`) reads the agent's
/// spec from, through the mirror (`RevisionSource`).
struct CommitSpecTree: SpecTree {
    typealias Failure = GitSourceError

    let source: any RevisionSource
    let commit: String

    func kind(at path: String) throws(GitSourceError) -> SpecTreeKind? {
        do {
            return Self.kind(try source.entryKind(path, at: commit))
        } catch .fileNotFound {
            return nil
        }
    }

    func entries(in folder: String) throws(GitSourceError) -> [SpecTreeEntry] {
        try source.listEntries(folder, at: commit).map { SpecTreeEntry(name: $0.name, kind: Self.kind($0.kind)) }
    }

    /// Each file read or refused on its own; the mirror's cap is the spec cap (32 MiB), and a
    /// blob over it is refused from its object header.
    func contents(of names: [String], in folder: String, limit: Int) throws(GitSourceError) -> [Result<[UInt8], SpecFileProblem>] {
        try source.readFiles(names, inFolder: folder, at: commit).map { result throws(GitSourceError) in
            switch result {
            case .success(let bytes): return .success(bytes)
            case .failure(.fileTooLarge(_, _, let size, let limit)): return .failure(.tooLarge(size: size, limit: limit))
            case .failure(.fileNotFound(let path, _)): return .failure(.linkDangling(target: path))
            case .failure(let error): throw error
            }
        }
    }

    func linkTarget(_ path: String) throws(GitSourceError) -> String {
        try source.linkTarget(path, at: commit)
    }

    private static func kind(_ kind: TreeEntryKind) -> SpecTreeKind {
        switch kind {
        case .file: .file
        case .folder: .folder
        case .symlink: .symlink
        case .submodule: .other("a submodule")
        }
    }
}
