public import SystemIO

/// Everything that can go wrong in GitSource, each with a message that says what to do.
/// URLs in these errors never carry a password or token.
public enum GitSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String, reason: String)
    case invalidBranch(String)
    /// The mirror folder could not be created or opened.
    case mirror(path: String, reason: String)
    /// Connection refused, unknown host, reset: the server is not there.
    case unreachable(url: String, reason: String)
    case timedOut(url: String, step: String, after: Duration)
    case authenticationFailed(url: String, reason: String)
    case hostKeyUnknown(host: String, fingerprint: String, knownHosts: String, addCommand: String)
    case hostKeyMismatch(host: String, fingerprint: String, knownHosts: String)
    case hostKeyRevoked(host: String, fingerprint: String, knownHosts: String)
    case certificateRejected(host: String, reason: String)
    /// `caFile` is not a regular file that can be read (missing, a FIFO, too large...).
    case caFileUnusable(path: String, FileAccessError)
    case branchNotFound(branch: String, url: String, available: [String])
    case commitNotFound(String)
    case invalidPath(String, reason: String)
    case fileNotFound(path: String, commit: String)
    case notAFile(path: String, commit: String, kind: String)
    case notAFolder(path: String, commit: String)
    /// A blob over the size cap, refused from its header before it was read.
    case fileTooLarge(path: String, commit: String, size: Int, limit: Int)
    /// Any other failure libgit2 reports, with the step that failed.
    case git(step: String, message: String)
    /// libgit2 cannot be loaded: not installed, or not the version this program was built for.
    case libraryMissing(soname: String, package: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "invalid repository URL '\(url)': \(reason)"
        case .invalidBranch(let branch):
            return "invalid branch name '\(branch)': give a plain branch name such as 'main'"
        case .mirror(let path, let reason):
            return "cannot use the mirror at \(path): \(reason)"
        case .unreachable(let url, let reason):
            return "cannot reach \(url): \(reason). Check the URL and that the server is up."
        case .timedOut(let url, let step, let after):
            return "\(step) of \(url) did not finish within \(Self.seconds(after)): the server "
                + "accepted the connection but stopped answering, or the network is too slow"
        case .authenticationFailed(let url, let reason):
            return "authentication to \(url) failed: \(reason)"
        case .hostKeyUnknown(let host, let fingerprint, let knownHosts, let addCommand):
            return "refusing to connect to \(host): its host key \(fingerprint) is not in \(knownHosts). "
                + "If that fingerprint is the server's, add it with: \(addCommand)"
        case .hostKeyMismatch(let host, let fingerprint, let knownHosts):
            return "refusing to connect to \(host): its host key \(fingerprint) differs from the one in "
                + "\(knownHosts). Someone may be intercepting the connection, or the server's key "
                + "changed; confirm with the server's admin before you update known_hosts"
        case .hostKeyRevoked(let host, let fingerprint, let knownHosts):
            return "refusing to connect to \(host): its host key \(fingerprint) is marked @revoked in \(knownHosts)"
        case .certificateRejected(let host, let reason):
            return "refusing the TLS certificate of \(host): \(reason). Give the CA bundle with caFile"
        case .caFileUnusable(let path, let error):
            return "cannot load CA file \(path): \(error)"
        case .branchNotFound(let branch, let url, let available):
            let list = available.isEmpty ? "it has no branches" : "it has: " + available.joined(separator: ", ")
            return "branch '\(branch)' does not exist on \(url); \(list)"
        case .commitNotFound(let commit):
            return "commit \(commit) is not in the mirror: fetch first, or it was never on the branch"
        case .invalidPath(let path, let reason):
            return "invalid path '\(path)': \(reason)"
        case .fileNotFound(let path, let commit):
            return "'\(path)' does not exist in commit \(commit.prefix(12))"
        case .notAFile(let path, let commit, let kind):
            return "'\(path)' in commit \(commit.prefix(12)) is a \(kind), not a file"
        case .notAFolder(let path, let commit):
            return "'\(path)' in commit \(commit.prefix(12)) is not a folder"
        case .fileTooLarge(let path, let commit, let size, let limit):
            return "'\(path)' in commit \(commit.prefix(12)) is \(size) bytes, over the limit of \(limit / (1 << 20)) MiB; not read"
        case .git(let step, let message):
            return "\(step) failed: \(message)"
        case .libraryMissing(let soname, let package, let reason):
            return "cannot load libgit2 (\(soname)): \(reason). Install it with: apt install \(package)"
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        let ms = s * 1000 + atto / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms) / 1000) s"
    }
}
