import CGit2

/// The libgit2 this binary runs on, and the features it was built with.
public enum GitLibrary {
    public static var version: String {
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
