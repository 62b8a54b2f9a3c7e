/// The step of a cycle a failure happened in, as `agent status` and `agent-status.json` name it
/// (`lastError.stage`). The raw values are part of the status file's format.
public enum ReconcileStage: String, Sendable, CaseIterable {
    /// Looking up the repository token in the keychain.
    case credentials
    /// Opening the mirror, listing the branch, fetching it.
    case fetch
    /// Checking the commit's signature (`source.verify`).
    case verify
    /// Finding the spec file or folder in the commit, reading its blobs.
    case read
    /// Loading and checking the spec, merging a folder of them.
    case validate
    /// Looking up the spec's keychain keys before rendering.
    case secrets
    /// Planning and writing the targets under the write lock.
    case write
    /// Planning and writing for the drift check; an invalid spec found then.
    case drift
}
