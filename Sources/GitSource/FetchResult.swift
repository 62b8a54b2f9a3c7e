/// What a fetch or sync did to the mirror's copy of the branch.
public struct FetchResult: Sendable, Equatable {
    public enum Change: String, Sendable {
        /// The mirror had no copy of the branch yet.
        case cloned
        case unchanged
        /// The new commit descends from the old one.
        case fastForward
        /// History was rewritten (a force-push): the new commit does not descend from the old.
        case rewritten
    }

    /// The commit the mirror had before; nil on the first fetch.
    public var old: String?
    public var new: String
    public var change: Change
    /// false when `sync` saw from the ref list alone that nothing moved and fetched nothing.
    public var fetched: Bool
    /// libgit2's count of objects and pack bytes received.
    public var transfer: TransferProgress
    /// Bytes on the wire for the whole call (ref list included); zero for local repositories.
    public var traffic: Traffic
    public var duration: Duration
}

/// The parts of a commit a person reads in a status line.
public struct CommitInfo: Sendable, Equatable {
    public var id: String
    public var summary: String
    /// `Name <email>`.
    public var author: String
    /// The committer's time (when it landed), in seconds since 1970.
    public var time: Int64
}

/// A commit's signature and the exact bytes it signs, for `ssh-keygen -Y verify` or
/// `gpg --verify`. The bytes are kept as bytes: a message in a legacy encoding must verify too.
public struct CommitSignature: Sendable, Equatable {
    /// The armored signature (`-----BEGIN SSH SIGNATURE-----` or `-----BEGIN PGP SIGNATURE-----`).
    public var signature: String
    /// The commit object without its `gpgsig` header.
    public var signedData: [UInt8]

    public var isSSH: Bool { signature.hasPrefix("-----BEGIN SSH SIGNATURE-----") }
}

/// libgit2's own counts for a fetch: objects and pack bytes received.
public struct TransferProgress: Sendable, Equatable {
    public var receivedObjects = 0
    public var indexedObjects = 0
    public var totalObjects = 0
    public var localObjects = 0
    public var receivedPackBytes = 0
}
