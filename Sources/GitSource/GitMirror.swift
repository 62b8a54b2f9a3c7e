internal import CGit2
import FoundationEssentials
internal import SystemIO

/// A bare copy of one branch of the team repository, kept in a folder of the state dir.
/// The first fetch fills it (a clone); later ones bring only new objects. Files are read
/// straight from commits: there is no work tree and no checkout.
///
/// Calls are serialized by a lock, so one mirror may be shared across threads; a read waits
/// while a fetch runs.
public final class GitMirror: @unchecked Sendable {
    public let path: String
    public let config: GitSourceConfig
    public let url: GitURL
    /// `refs/remotes/origin/<branch>`: the mirror's copy of the followed branch.
    public var trackingRef: String { "refs/remotes/\(Self.remoteName)/\(config.branch)" }

    static let remoteName = "origin"
    let repository: OpaquePointer
    let lock = ThreadLock()

    /// Opens the mirror at `path`, creating an empty bare repository there if the folder is
    /// missing or empty. Nothing is fetched yet.
    public init(path: String, config: GitSourceConfig) throws(GitSourceError) {
        try LibGit2Runtime.start()
        self.path = path
        self.config = config
        url = try GitURL(parsing: config.url)
        try Self.validate(branch: config.branch)
        repository = try Self.openOrCreate(path)
        // From here the object is whole: a throw runs deinit, which frees the repository (freeing
        // it here as well was a double free).
        try Self.pointRemote(repository, at: config.url, branch: config.branch)
        if let caFile = config.caFile {
            // libgit2 reads the bundle itself: only a regular file of a sane size is handed on.
            do {
                try FileReader.requireRegularFile(caFile)
            } catch {
                throw .caFileUnusable(path: caFile, error)
            }
            guard provider_sync_git_set_ssl_cert_file(caFile) == 0 else {
                throw .certificateRejected(host: url.host ?? "", reason: "cannot load CA file \(caFile): \(LibGit2Error.lastMessage)")
            }
        }
    }

    deinit {
        git_repository_free(repository)
    }

    private static func validate(branch: String) throws(GitSourceError) {
        var valid: Int32 = 0
        guard !branch.isEmpty, !branch.hasPrefix("refs/"),
              git_reference_name_is_valid(&valid, "refs/heads/\(branch)") == 0, valid == 1 else {
            throw .invalidBranch(branch)
        }
    }

    private static func openOrCreate(_ path: String) throws(GitSourceError) -> OpaquePointer {
        let files = FileManager.default
        var repo: OpaquePointer?
        let contents = (try? files.contentsOfDirectory(atPath: path)) ?? []
        if files.fileExists(atPath: path) && !contents.isEmpty {
            guard git_repository_open_bare(&repo, path) == 0, let repo else {
                throw .mirror(path: path, reason: "the folder is not empty and is not a bare git repository (\(LibGit2Error.lastMessage))")
            }
            return repo
        }
        do {
            // Only this user reads the mirror: it may hold the URL of a private repository.
            try files.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .mirror(path: path, reason: "cannot create the folder: \(systemErrorText(error))")
        }
        guard git_repository_init(&repo, path, 1) == 0, let repo else {
            throw .mirror(path: path, reason: LibGit2Error.lastMessage)
        }
        return repo
    }

    /// Keeps the `origin` remote on the configured URL, so `git -C <mirror> log origin/<branch>`
    /// works for a person looking in. Fetches pass their refspec explicitly.
    private static func pointRemote(_ repo: OpaquePointer, at url: String, branch: String) throws(GitSourceError) {
        var remote: OpaquePointer?
        if git_remote_lookup(&remote, repo, remoteName) == 0 {
            defer { git_remote_free(remote) }
            if String(cString: git_remote_url(remote)) != url {
                try LibGit2Error.check(git_remote_set_url(repo, remoteName, url), "setting the mirror's remote URL")
            }
            return
        }
        let refspec = "+refs/heads/\(branch):refs/remotes/\(remoteName)/\(branch)"
        try LibGit2Error.check(git_remote_create_with_fetchspec(&remote, repo, remoteName, url, refspec), "creating the mirror's remote")
        git_remote_free(remote)
    }

    /// Runs `body` holding the mirror's lock; libgit2 objects of one repository are not
    /// safe to use from two threads at once.
    func locked<T>(_ body: () throws(GitSourceError) -> T) throws(GitSourceError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
