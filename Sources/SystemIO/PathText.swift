/// Lexical POSIX path handling on plain strings: the paths of this machine's files, as the
/// writer and the state use them (Workstation's PathSyntax works out any platform's paths).
///
/// Kept lexical on purpose: the writer must put its temporary file in the folder that will hold
/// the target, which is the folder the path names, not wherever `realpath` would lead.
public enum PathText {
    /// "/a/b" -> "/a", "/a" -> "/", "b" -> ".".
    public static func parent(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// "/a/b" -> "b", "/" -> "/".
    public static func lastComponent(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        let tail = trimmed[trimmed.index(after: slash)...]
        return tail.isEmpty ? "/" : String(tail)
    }

    public static func join(_ folder: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        if folder.hasSuffix("/") { return folder + name }
        return folder + "/" + name
    }

    /// Absolute (relative to the working folder), without "//", "/./" or a trailing "/".
    /// ".." is left alone: collapsing it lexically is wrong when a component is a symlink.
    public static func normalized(_ path: String) -> String {
        var full = path
        if !full.hasPrefix("/") { full = join(RunningProcess.currentDirectory(), full) }
        let parts = full.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }


    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
