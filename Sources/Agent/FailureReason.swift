/// Why a cycle failed, as a stable word scripts switch on (`lastError.reason`). As Flux's
/// condition reasons: each is either *stalling* (retrying cannot help until someone fixes
/// something: the next poll comes at the normal interval, and the fix may be the next commit)
/// or *retryable* (the agent backs off: 2, 4, 8... intervals, at most 10 intervals or an hour).
/// The list is a contract (README, "The agent"): add reasons, never rename one.
public enum FailureReason: String, Sendable, CaseIterable {
    // Stalling.
    /// The commit is unsigned, or its signature is not from a trusted key (`source.verify`).
    case verificationFailed
    /// The commit has no spec at `source.path`, or the folder there has no spec files.
    case specMissing
    /// The spec has errors, or a folder's files declare the same provider or setting twice.
    case specInvalid
    /// The keychain holds no value for a key the spec names.
    case keyMissing
    /// A target file needs a person: not JSON, hand-made providers with the spec's ids, a
    /// damaged state file for it.
    case targetConflict

    // Retryable.
    /// The git host cannot be reached or did not answer in time.
    case sourceUnreachable
    /// The git host refused the credentials.
    case authenticationFailed
    /// The host's key or certificate is not trusted (known_hosts, caFile).
    case hostUntrusted
    /// The followed branch does not exist on the server.
    case branchNotFound
    /// Any other failure of the git source (the mirror folder, a corrupt object).
    case sourceFailed
    /// agent.yaml names a repository token the keychain does not hold.
    case tokenMissing
    /// The keychain cannot answer: locked, no D-Bus session, no Secret Service, a timeout.
    case keychainUnavailable
    /// ssh-keygen or gpg is missing, or did not finish.
    case verifierUnavailable
    /// Writing failed: a folder not writable, the disk full, another apply holding the lock.
    case writeFailed

    /// Retrying cannot help until something is fixed: no back-off.
    public var isStalling: Bool {
        switch self {
        case .verificationFailed, .specMissing, .specInvalid, .keyMissing, .targetConflict: true
        case .sourceUnreachable, .authenticationFailed, .hostUntrusted, .branchNotFound, .sourceFailed, .tokenMissing,
             .keychainUnavailable, .verifierUnavailable, .writeFailed: false
        }
    }

    /// The status file's older, coarser `kind`: rejected (stalling) or error (retryable).
    public var kind: AgentStatus.ErrorRecord.Kind { isStalling ? .rejected : .error }
}
