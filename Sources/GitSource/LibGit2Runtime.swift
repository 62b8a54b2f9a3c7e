import CGit2

/// Initializes libgit2 once per process and installs GitSource's socket stream, so every
/// connection libgit2 opens (git://, http(s)://, ssh://) honours the operation's deadline.
enum LibGit2Runtime {
    private static let ready: Bool = {
        git_libgit2_init()
        var registration = git_stream_registration()
        registration.version = GIT_STREAM_VERSION
        registration.`init` = SocketStream.create
        registration.wrap = nil
        return git_stream_register(GIT_STREAM_STANDARD, &registration) == 0
    }()

    static func start() {
        _ = ready
    }
}
