import GitSource

/// The team repository as the reconciler reads it: the followed branch's commit, and files
/// straight from commits. `GitMirror` in the agent; a fake in the reconciler's tests.
public protocol RevisionSource: AnyObject, Sendable {
    /// Lists the branch and fetches it when it moved; the branch's commit is `new`.
    func sync() throws(GitSourceError) -> FetchResult
    /// The commit's signature and signed bytes; nil when it is unsigned.
    func commitSignature(_ commit: String) throws(GitSourceError) -> CommitSignature?
    /// The commit's first line, for the log.
    func summary(of commit: String) -> String?
    func readFile(_ path: String, at commit: String) throws(GitSourceError) -> [UInt8]
    /// The names in the folder `path` of the commit.
    func listFolder(_ path: String, at commit: String) throws(GitSourceError) -> [String]
}

/// Opens the source for a configuration (URL, branch, credentials).
public protocol RevisionSourceOpener: Sendable {
    func open(_ config: GitSourceConfig) throws(GitSourceError) -> any RevisionSource
}

extension GitMirror: RevisionSource {
    public func summary(of commit: String) -> String? { try? commitInfo(commit).summary }
}

/// The bare mirror in the agent's state folder.
public struct GitMirrorOpener: RevisionSourceOpener {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    public func open(_ config: GitSourceConfig) throws(GitSourceError) -> any RevisionSource {
        try GitMirror(path: path, config: config)
    }
}
