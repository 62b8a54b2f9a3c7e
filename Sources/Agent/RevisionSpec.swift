public import GitSource
public import ProviderSpec

/// The spec of one commit, read from its tree (never from a work tree) by `SpecStage`.
struct RevisionSpec: Sendable {
    var spec: Spec
    /// The file names as diagnostics show them: `<repo>@<short sha>:<path>`.
    var files: [String]
    /// Warnings of the loader; errors make the revision invalid instead.
    var warnings: [String]
    /// A hash of the text, recorded with the apply (the same as `apply` records for the same files).
    var hash: String

    /// "team" for https://host/org/team.git, /srv/git/team.git/ or git@host:org/team: the first
    /// part of display names.
    static func repositoryName(of url: String) -> String {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        let last = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? text
        return last.hasSuffix(".git") && last.count > 4 ? String(last.dropLast(4)) : last
    }
}

/// A spec with errors: its error diagnostics, typed (kept in the status for scripts), and as
/// text with their source lines (the status message and the log).
public struct InvalidSpec: Sendable {
    /// The files with errors, as diagnostics name them.
    public var files: [String]
    public var diagnostics: [Diagnostic]
    /// Each diagnostic as `validate` prints it.
    public var rendered: [String]

    public var errorCount: Int { diagnostics.count }
}

/// Why the spec of a commit cannot be used.
public enum SpecReadFailure: Error, Sendable {
    /// The commit has no such file or folder, or the folder no spec files.
    case missing(String)
    /// The spec has errors (a clash between files of a folder included).
    case invalid(InvalidSpec)
    /// Reading the mirror itself failed.
    case git(GitSourceError)
}
