import FoundationEssentials
public import GitSource
public import Secrets
internal import Sync
internal import SystemIO

/// What went wrong in a stage, as the typed error it was. Rendered to text only where the
/// status and the log show it (`message`).
public enum ReconcileError: Error, Sendable {
    /// agent.yaml names a repository token the keychain does not hold.
    case tokenMissing(name: String, url: String)
    /// The keychain could not answer (the repository token or the spec's keys).
    case keychain(SecretStoreError)
    /// The git source: opening the mirror, the poll, reading a commit.
    case source(GitSourceError)
    /// The commit is not trusted.
    case untrusted(VerificationFailure)
    /// The signature could not be checked (ssh-keygen or gpg missing or stuck).
    case verifier(VerifierUnavailable)
    /// The spec at the commit: missing, invalid, or a folder that does not merge.
    case spec(SpecReadFailure)
    /// Keys the spec names that the keychain does not hold.
    case keysMissing(MissingSecrets)
    /// Planning or writing the targets (`TargetPlanError`, `WriteLockError`, `FileSystemError`...).
    case write(any Error)

    public var reason: FailureReason {
        switch self {
        case .tokenMissing: .tokenMissing
        case .keychain: .keychainUnavailable
        case .source(let error): Self.reason(error)
        case .untrusted: .verificationFailed
        case .verifier: .verifierUnavailable
        case .spec(.missing): .specMissing
        case .spec(.invalid): .specInvalid
        case .spec(.git(let error)): Self.reason(error)
        case .keysMissing: .keyMissing
        case .write(let error): (error as? TargetPlanError)?.needsPerson == true ? .targetConflict : .writeFailed
        }
    }

    static func reason(_ error: GitSourceError) -> FailureReason {
        switch error {
        case .unreachable, .timedOut: .sourceUnreachable
        case .authenticationFailed: .authenticationFailed
        case .hostKeyUnknown, .hostKeyMismatch, .hostKeyRevoked, .certificateRejected, .caFileUnusable: .hostUntrusted
        case .branchNotFound: .branchNotFound
        case .fileTooLarge: .specInvalid
        case .invalidURL, .invalidBranch, .mirror, .commitNotFound, .invalidPath, .fileNotFound, .notAFile, .notAFolder, .git,
             .libraryMissing:
            .sourceFailed
        }
    }

    /// For people: what happened and what to do.
    public var message: String {
        switch self {
        case .tokenMissing(let name, let url):
            "the keychain holds no token named '\(name)' for \(url); store it with: provider-sync secret set \(name)"
        case .keychain(let error): "\(error)"
        case .source(let error): "\(error)"
        case .untrusted(let failure): "\(failure); not applied"
        case .verifier(.program(.notFound(let program, let package))):
            "\(SubprocessError.notFound(program: program, package: package)); install it or remove source.verify from agent.yaml"
        case .verifier(let error): "\(error)"
        case .spec(.missing(let message)): message
        case .spec(.invalid(let invalid)):
            "\(invalid.files.joined(separator: ", ")) \(invalid.files.count == 1 ? "is" : "are") not valid "
                + "(\(invalid.errorCount) error\(invalid.errorCount == 1 ? "" : "s")); not applied\n" + invalid.rendered.joined(separator: "\n")
        case .spec(.git(let error)): "\(error)"
        case .keysMissing(let missing): missing.description
        case .write(let error): "\(error)"
        }
    }
}

/// A stage that failed: where, about which commit, and why. Nothing was written.
public struct ReconcileFailure: Error, Sendable {
    public var stage: ReconcileStage
    public var error: ReconcileError
    /// The commit it is about; nil when no commit was reached (the server is down).
    public var revision: String?

    public init(_ stage: ReconcileStage, _ error: ReconcileError, revision: String? = nil) {
        self.stage = stage
        self.error = error
        self.revision = revision
    }

    public var reason: FailureReason { error.reason }
    public var message: String { error.message }

    /// The same revision failing the same way as `last`: logged and announced once, not on
    /// every retry; a change of revision, stage or reason is news again.
    func repeats(_ last: AgentStatus.ErrorRecord) -> Bool {
        last.revision == revision && last.stage == stage.rawValue && last.reason == reason
    }
}

extension AgentStatus.ErrorRecord {
    /// The failure as the status file keeps it.
    init(_ failure: ReconcileFailure, at date: Date) {
        self.init(kind: failure.reason.kind, stage: failure.stage.rawValue, message: failure.message, at: date,
                  revision: failure.revision, reason: failure.reason)
        if case .spec(.invalid(let invalid)) = failure.error {
            diagnostics = invalid.diagnostics.prefix(Self.maxDiagnostics).map(DiagnosticRecord.init)
        }
    }
}
