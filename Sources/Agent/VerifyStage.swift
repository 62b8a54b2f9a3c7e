internal import GitSource
internal import SystemIO

/// `source.verify`: is the commit signed by a trusted key.
enum VerifyStage {
    static func verify(_ revision: String, source: any RevisionSource,
                       verifier: CommitVerifier) throws(ReconcileFailure) -> VerifiedSigner {
        let signature: CommitSignature?
        do {
            signature = try source.commitSignature(revision)
        } catch {
            throw ReconcileFailure(.verify, .source(error), revision: revision)
        }
        do {
            return try verifier.verify(revision, signature: signature)
        } catch {
            switch error {
            case .untrusted(let failure): throw ReconcileFailure(.verify, .untrusted(failure), revision: revision)
            case .unavailable(let problem): throw ReconcileFailure(.verify, .verifier(problem), revision: revision)
            }
        }
    }
}
