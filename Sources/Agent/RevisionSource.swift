public import GitSource

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
    /// What `path` is in the commit (a file, a folder, a symbolic link...).
    func entryKind(_ path: String, at commit: String) throws(GitSourceError) -> TreeEntryKind
    /// Every entry of the folder `path`, links included, in byte order of their names.
    func listEntries(_ path: String, at commit: String) throws(GitSourceError) -> [TreeEntry]
    /// The files `names` of the folder `path`, each read or refused on its own.
    func readFiles(_ names: [String], inFolder path: String, at commit: String) throws(GitSourceError) -> [Result<[UInt8], GitSourceError>]
    /// Where the symbolic link at `path` points, as stored.
    func linkTarget(_ path: String, at commit: String) throws(GitSourceError) -> String
}

/// Sources that know files and folders only (stand-ins in tests): the folder reads in terms of
/// `readFile` and `listFolder`, and no links.
extension RevisionSource {
    public func entryKind(_ path: String, at commit: String) throws(GitSourceError) -> TreeEntryKind {
        do {
            _ = try readFile(path, at: commit)
            return .file
        } catch .notAFile(_, _, kind: "folder") {
            return .folder
        }
    }

    public func listEntries(_ path: String, at commit: String) throws(GitSourceError) -> [TreeEntry] {
        try listFolder(path, at: commit).map { TreeEntry(name: $0, kind: .file) }
    }

    public func readFiles(_ names: [String], inFolder path: String, at commit: String) throws(GitSourceError) -> [Result<[UInt8], GitSourceError>] {
        names.map { name in Result { () throws(GitSourceError) in try readFile(path.isEmpty ? name : path + "/" + name, at: commit) } }
    }

    public func linkTarget(_ path: String, at commit: String) throws(GitSourceError) -> String {
        throw .notAFile(path: path, commit: commit, kind: "file")
    }
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
