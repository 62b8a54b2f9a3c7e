internal import CGit2

/// The libgit2 this binary runs on, and the features it was built with.
public enum GitLibrary {
    /// "1.5.1 (threads, https, ssh)", or why libgit2 cannot be loaded.
    public static var version: String {
        do {
            try LibGit2Runtime.start()
        } catch {
            return "not loaded: \(error)"
        }
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        let features = git_libgit2_features()
        var names: [String] = []
        if features & Int32(GIT_FEATURE_THREADS.rawValue) != 0 { names.append("threads") }
        if features & Int32(GIT_FEATURE_HTTPS.rawValue) != 0 { names.append("https") }
        if features & Int32(GIT_FEATURE_SSH.rawValue) != 0 { names.append("ssh") }
        return "\(major).\(minor).\(patch) (\(names.joined(separator: ", ")))"
    }
}
