internal import CGit2

/// Opens libgit2 (on first use: Sources/CGit2), initializes it once per process and installs
/// GitSource's socket stream, so every connection libgit2 opens (git://, http(s)://, ssh://)
/// honours the operation's deadline.
enum LibGit2Runtime {
    private static let initialized: Bool = {
        git_libgit2_init()
        var registration = git_stream_registration()
        registration.version = GIT_STREAM_VERSION
        registration.`init` = SocketStream.create
        registration.wrap = nil
        return git_stream_register(GIT_STREAM_STANDARD, &registration) == 0
    }()

    /// Throws when libgit2 is not installed (or is not the version the build used); a failed
    /// load is tried again on the next call, so installing it mends a running agent.
    static func start() throws(GitSourceError) {
        guard provider_sync_git_load() == 0 else {
            throw .libraryMissing(soname: String(cString: provider_sync_git_soname()),
                                  package: String(cString: provider_sync_git_package()),
                                  reason: String(cString: provider_sync_git_load_error()))
        }
        _ = initialized
    }
}
