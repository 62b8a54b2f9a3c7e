internal import Sync

/// The rendered config merged into every target and written, as one transaction under the
/// write lock `apply` takes.
enum WriteStage {
    static func commit(_ rendered: KeyedRender, specHash: String, transaction: ApplyTransaction, stage: ReconcileStage = .write,
                       revision: String) throws(ReconcileFailure) -> ApplyOutcome {
        do {
            return try transaction.commit(rendered.config, keyFileValues: rendered.keyFileValues, specHash: specHash)
        } catch {
            throw ReconcileFailure(stage, .write(error), revision: revision)
        }
    }
}
