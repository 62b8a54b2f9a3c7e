internal import SystemIO

/// The shared libraries mapped into this process, by path: `version` shows which file of each
/// C library the program really runs with (the release binary needs Debian 12's libgit2.so.1.5).
enum LoadedLibraries {
    static func files() -> [String] { RunningProcess.loadedLibraries() }

    /// The file name without its folder: `libgit2.so.1.5`.
    static func name(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}
