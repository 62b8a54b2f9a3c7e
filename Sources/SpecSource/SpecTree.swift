/// What a path in a spec tree is.
public enum SpecTreeKind: Sendable, Equatable, CustomStringConvertible {
    case file, folder, symlink
    /// Anything else, described for messages: "a FIFO (named pipe)", "a submodule".
    case other(String)

    public var description: String {
        switch self {
        case .file: "a file"
        case .folder: "a folder"
        case .symlink: "a symbolic link"
        case .other(let text): text
        }
    }
}

/// One entry directly in a folder of a spec tree.
public struct SpecTreeEntry: Sendable, Equatable {
    public var name: String
    public var kind: SpecTreeKind

    public init(name: String, kind: SpecTreeKind) {
        self.name = name
        self.kind = kind
    }
}

/// Where specs are read from: a folder on disk, the git index, a commit's tree. `SpecReader`
/// asks it for kinds, listings, bytes and link targets, and applies the rules itself (which
/// files of a folder are specs, where links may lead, the size cap), so every source gives the
/// same verdict on the same files.
///
/// Paths are `/`-separated; a tree says what they are relative to (the current folder, the
/// repository's top folder). `Failure` is the source's own error (reading the git index or a
/// commit failed): the tree could not be read at all, which is not a verdict on the spec.
public protocol SpecTree {
    associatedtype Failure: Error

    /// What is at `path`, not following a final link; nil when nothing is there.
    func kind(at path: String) throws(Failure) -> SpecTreeKind?
    /// The entries directly in the folder `path`, in any order.
    func entries(in folder: String) throws(Failure) -> [SpecTreeEntry]
    /// The bytes of the files `names` of `folder`, in that order, each read or refused on its
    /// own; a file over `limit` bytes is refused (`.tooLarge`), ideally before it is read.
    func contents(of names: [String], in folder: String, limit: Int) throws(Failure) -> [Result<[UInt8], SpecFileProblem>]
    /// Where the symbolic link at `path` points, as stored.
    func linkTarget(_ path: String) throws(Failure) -> String
    /// Where a spec path named directly (a command's argument, `source.path`) leads when it is
    /// a link. Trees from git resolve it by its text inside the tree (`SpecLinks`, the default);
    /// a folder on disk follows it as the system does: the user named it.
    func followNamedLink(_ path: String) throws(Failure) -> Result<SpecTreeTarget, SpecFileProblem>
}

/// Where a link led: a file, or a folder.
public struct SpecTreeTarget: Sendable, Equatable {
    public var path: String
    public var kind: SpecTreeKind

    public init(path: String, kind: SpecTreeKind) {
        self.path = path
        self.kind = kind
    }
}

extension SpecTree {
    public func followNamedLink(_ path: String) throws(Failure) -> Result<SpecTreeTarget, SpecFileProblem> {
        try SpecLinks.follow(path, inside: "", of: self, folders: true)
    }
}
