import GitSource
import SystemIO

/// `source.verify`: is the commit signed by a trusted key.
enum VerifyStage {
    static func verify(_ revision: String, source: any RevisionSource,
                       verifier: CommitVerifier) throws(ReconcileFailure) -> VerifiedSigner {
        do {
            return try verifier.verify(revision, signature: try source.commitSignature(revision))
        } catch let error as GitSourceError {
            throw ReconcileFailure(.verify, .source(error), revision: revision)
        } catch let failure as VerificationFailure {
            throw ReconcileFailure(.verify, .untrusted(failure), revision: revision)
        } catch let error as SubprocessError {
            throw ReconcileFailure(.verify, .verifier(error), revision: revision)
        } catch {
            // CommitVerifier throws only the two above; anything else is a tool that could not run.
            throw ReconcileFailure(.verify, .verifier(.cannotStart(program: "the signature check", reason: "\(error)")),
                                   revision: revision)
        }
    }
}
