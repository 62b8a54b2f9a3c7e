public import SystemIO

/// Why one file of a spec was not read. Most are about the tree's content (the same commit
/// gives the same answer everywhere) and make the spec invalid; `unreadable` is about this
/// machine (a FIFO, no permission) and is an I/O error instead.
public enum SpecFileProblem: Error, Sendable, Equatable {
    /// Larger than the cap; `size` is nil when it was only seen while reading.
    case tooLarge(size: Int?, limit: Int)
    /// A link whose target, resolved by its text, leaves the spec folder (or is absolute).
    case linkLeavesFolder(target: String, folder: String)
    /// A link to nothing in this tree.
    case linkDangling(target: String)
    /// A link whose way goes through another link to a folder (which could lead anywhere).
    case linkThroughLink(target: String)
    /// A link to a folder, a submodule, a device...
    case linkToNonFile(target: String, kind: SpecTreeKind)
    /// More links in a row than `SpecLinks.maximumHops`.
    case linkChainTooLong(hops: Int)
    /// This machine could not read it: not a regular file, no permission, an I/O error.
    case unreadable(FileAccessError)

    /// True for what this machine cannot read (exit 2), false for a verdict on the content.
    public var isEnvironment: Bool {
        if case .unreadable = self { return true }
        return false
    }

    /// What is wrong with the file, said after its name.
    public var message: String {
        switch self {
        case .tooLarge(let size?, let limit):
            "the file is \(size) bytes, over the limit of \(FileAccessError.size(limit)); not read"
        case .tooLarge(nil, let limit):
            "the file is over the limit of \(FileAccessError.size(limit)); not read"
        case .linkLeavesFolder(let target, let folder):
            "a symbolic link to \(target), which leads outside \(folder.isEmpty ? "the repository" : folder); not read "
                + "(link to a file inside the folder, or copy it)"
        case .linkDangling(let target):
            "a symbolic link to \(target), which does not exist"
        case .linkThroughLink(let target):
            "a symbolic link to \(target), whose way goes through another symbolic link; not read (link to the file itself)"
        case .linkToNonFile(let target, let kind):
            "a symbolic link to \(target), which is \(kind), not a file"
        case .linkChainTooLong(let hops):
            "a chain of more than \(hops) symbolic links; not read"
        case .unreadable(let error):
            error.reason
        }
    }

    /// A problem of the file system reader, as one of these: too large is a verdict on the
    /// file, anything else a failure of this machine.
    public init(_ error: FileAccessError) {
        if case .tooLarge(let size, let limit) = error.problem {
            self = .tooLarge(size: size, limit: limit)
        } else {
            self = .unreadable(error)
        }
    }
}
