public import ProviderSpec

/// One file of a spec as it was read.
public struct SpecFileReading: Sendable {
    /// Its path in the tree.
    public var path: String
    /// Its name in diagnostics: the reader's prefix, then the path.
    public var name: String
    /// Its bytes when it was read: diagnostics show their lines from them.
    public var bytes: [UInt8]?
    /// Every diagnostic about it, the folder's clashes included, in file order.
    public var diagnostics: [Diagnostic]
    /// Why this machine could not read it (a FIFO, no permission): an I/O error, not a verdict.
    public var unreadable: SpecFileProblem?
}

/// The spec of one path of a tree: each file with its diagnostics, and the merged spec when
/// every file is valid and nothing clashes.
public struct SpecReading: Sendable {
    /// In merge order (byte order of names for a folder).
    public var files: [SpecFileReading]
    /// The spec, the files of a folder merged; nil when there is an error, a file could not be
    /// read, or decoding was not asked for.
    public var spec: Spec?
    /// A hash of the spec's text, recorded with an apply: one file's as `apply` of that file
    /// records it, a folder's over its files in order. The same tree gives the same hash
    /// wherever it is read. Worked out when asked for (`validate` never does).
    public var hash: String { SpecReader.hash(files) }

    public var diagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var unreadableCount: Int { files.count { $0.unreadable != nil } }
    /// No error and every file read: the verdict every command and the agent give.
    public var isValid: Bool { errorCount == 0 && unreadableCount == 0 }
}

/// Why the spec at a path could not be read at all.
public enum SpecPathError<Failure: Error>: Error {
    /// Nothing is at the path.
    case missing(path: String)
    /// A folder without spec files (see `SpecFolderRule`).
    case noSpecFiles(folder: String)
    /// The tree itself could not be read (the git index, a commit, a folder listing).
    case tree(Failure)

    /// What is wrong, said after the path (for the first two).
    public static var noSpecFilesReason: String {
        "the folder has no spec files (*.yaml or *.yml whose names do not start with a dot)"
    }
}
