import FoundationEssentials
internal import GitSource
internal import JSONCore
import Logging
internal import OpenCodeConfig
internal import OpenCodeLayers
internal import ProviderSpec
internal import Secrets
internal import Sync
internal import Workstation

/// One reconcile cycle: poll the branch, apply a new head as one transaction (verify -> read ->
/// validate -> keys -> render -> write), and on the drift interval put hand edits and rotated
/// keys right. Each step is a stage of its own (`SourceStage`, `VerifyStage`, `SpecStage`,
/// `RenderStage`, `WriteStage`, `DriftStage`) returning its result or a typed failure; this
/// type strings them together and keeps the status. Any failure writes nothing and leaves the
/// last good state in force; the status says what happened and why.
public final class Reconciler {
    public let config: AgentConfig
    public let context: AgentContext
    public let parts: ReconcilerParts
    private let events: CycleLog
    /// The source of the last cycle, with the settings it was opened with.
    private var cachedSource: (config: GitSourceConfig, source: any RevisionSource)?
    /// `agent run` with an app target: handed every render applied, to merge back at once
    /// when the app rewrites its file.
    public var follower: AppFileFollower?
    /// `opencode --version` per program file, for the verdicts.
    private let versions = OpenCodeVersions()
    /// What this cycle announces (`notify.webhook`), sent when it ends.
    private var announcements: [AgentEvent] = []

    public init(config: AgentConfig, context: AgentContext, log: Logger, parts: ReconcilerParts? = nil) {
        self.config = config
        self.context = context
        self.parts = parts ?? .system(context)
        events = CycleLog(log: log, branch: config.branch)
    }

    /// The source as status shows it, without credentials.
    public var source: AgentStatus.Source {
        let url = (try? GitURL(parsing: config.url).redacted) ?? config.url
        return AgentStatus.Source(url: url, branch: config.branch, path: config.path)
    }

    /// Source, targets and secrets mode: a change of any re-applies the same revision.
    var settings: String {
        stableHash(.array([.string(config.url), .string(config.branch), .string(config.path),
                           .array(config.targets.map { .string($0.description) }), .string(config.secrets?.rawValue ?? "spec")]))
    }

    /// Runs one cycle. Without `poll` only the drift check runs (when due): the loop wakes for
    /// it between polls. `shouldStop` is asked before anything is written: a stop requested
    /// while the cycle fetched or checked ends it without a write.
    public func cycle(poll shouldPoll: Bool = true, shouldStop: () -> Bool = { false }) -> CycleReport {
        logDeliveries()
        let before = (try? parts.status.read()) ?? AgentStatus()
        record { $0.source = self.source }
        if before.paused {
            let final = record { $0.lastCycleAt = self.now } ?? before
            events.paused(before.pauseReason)
            publish(final, keychain: nil)
            return CycleReport(outcome: .paused(reason: before.pauseReason), driftFailure: nil,
                               consecutiveErrors: Self.errorCount(before))
        }
        let keychain = parts.keychain()
        var outcome = CycleOutcome.driftOnly
        var source: (any RevisionSource)?
        do throws(ReconcileFailure) {
            let opened = try openSource(keychain)
            source = opened
            if shouldPoll {
                let head = try poll(opened)
                if head == before.lastAppliedRevision && before.lastAppliedSettings == settings {
                    events.upToDate(head)
                    record { status in
                        status.lastError = nil
                        status.consecutiveFailures = 0
                    }
                    outcome = .upToDate(revision: head)
                    primeFollower(head, source: opened, keychain: keychain)
                } else {
                    outcome = try apply(head, source: opened, keychain: keychain, shouldStop: shouldStop)
                }
            }
        } catch {
            recordFailure(error)
            outcome = .failed(error)
        }
        if outcome.succeeded, let error = before.lastError { events.recovered(after: error, failures: before.consecutiveFailures) }
        var driftFailure: ReconcileFailure?
        let after = (try? parts.status.read()) ?? before
        // After an apply there is nothing to check: it merged everything, with the keys of now.
        if outcome.mayCheckDrift, let source, let applied = after.lastAppliedRevision,
           after.lastAppliedSettings == settings, driftDue(after), !shouldStop() {
            do throws(ReconcileFailure) {
                try checkDrift(applied, source: source, keychain: keychain)
            } catch {
                recordFailure(error, attempted: false)
                driftFailure = error
            }
        }
        checkVerdicts()
        let final = record { $0.lastCycleAt = self.now } ?? after
        publish(final, keychain: keychain)
        return CycleReport(outcome: outcome, driftFailure: driftFailure, consecutiveErrors: Self.errorCount(final))
    }

    // MARK: - The stages in order

    private func openSource(_ keychain: any SecretStore) throws(ReconcileFailure) -> any RevisionSource {
        let auth = try SourceStage.auth(config.auth, url: source.url, keychain: keychain)
        let sourceConfig = GitSourceConfig(url: config.url, branch: config.branch, auth: auth, caFile: config.caFile,
                                           knownHosts: config.knownHosts)
        // Kept from cycle to cycle while its settings stay (a rotated token opens a new one):
        // opening costs little, but libgit2 1.5.1 leaks memory on every remote lookup it does.
        if let cachedSource, cachedSource.config == sourceConfig { return cachedSource.source }
        cachedSource = nil
        let opened = try SourceStage.open(sourceConfig, with: parts.sources)
        cachedSource = (sourceConfig, opened)
        return opened
    }

    /// The branch's commit.
    private func poll(_ source: any RevisionSource) throws(ReconcileFailure) -> String {
        let result = try SourceStage.poll(source)
        events.polled(result)
        record { status in
            status.remoteRevision = result.new
            status.lastPollAt = self.now
        }
        return result.new
    }

    /// The transaction for `revision`: applied, or interrupted when a stop was asked for before the write.
    private func apply(_ revision: String, source: any RevisionSource, keychain: any SecretStore,
                       shouldStop: () -> Bool) throws(ReconcileFailure) -> CycleOutcome {
        events.applying(revision)
        if let verification = config.verify {
            let verifier = CommitVerifier(verification: verification, environment: context.environment)
            events.verified(revision, try VerifyStage.verify(revision, source: source, verifier: verifier))
        }
        let loaded = try readSpec(revision, source: source)
        let rendered = try render(loaded.spec, revision: revision, keychain: keychain)
        if shouldStop() {
            events.stoppingBeforeWrite(revision)
            return .interrupted
        }
        let outcome = try WriteStage.commit(rendered, specHash: loaded.hash, transaction: transaction(), revision: revision)
        follower?.remember(rendered, specHash: loaded.hash)
        events.writes(outcome, revision: revision, event: "applied")
        events.revisionApplied(revision, spec: loaded, summary: source.summary(of: revision), outcome: outcome)
        announce(.applied, revision: revision)
        let at = now
        record { status in
            status.lastAppliedRevision = revision
            status.lastAppliedAt = at
            status.lastAppliedSettings = self.settings
            status.lastAttemptedRevision = revision
            status.lastAttemptedAt = at
            status.lastError = nil
            status.consecutiveFailures = 0
            status.drift = []
            status.lastDriftCheckAt = at
            status.recordApplied(outcome.plans, specHash: loaded.hash)
        }
        if !shouldStop() { checkHealth(loaded.spec, revision: revision, keychain: keychain) }
        return .applied(revision: revision)
    }

    private func readSpec(_ revision: String, source: any RevisionSource,
                          invalidStage: ReconcileStage = .validate) throws(ReconcileFailure) -> RevisionSpec {
        let loaded = try SpecStage.read(revision, source: source, path: config.path,
                                        repositoryName: RevisionSpec.repositoryName(of: self.source.url), invalidStage: invalidStage)
        events.specWarnings(loaded)
        return loaded
    }

    private func render(_ spec: Spec, revision: String, keychain: any SecretStore) throws(ReconcileFailure) -> KeyedRender {
        let rendered = try RenderStage.render(spec, mode: config.secrets ?? spec.secrets ?? .inline,
                                              keyFiles: KeyFiles(state: context.files.state), locations: context.locations,
                                              targets: config.targets, keychain: keychain, revision: revision)
        events.renderWarnings(rendered)
        return rendered
    }

    /// Hand edits put back (or only reported), rotated keys written: the last applied revision
    /// rendered again with the keys as they are now, applied when a file would change.
    private func checkDrift(_ revision: String, source: any RevisionSource, keychain: any SecretStore) throws(ReconcileFailure) {
        let loaded = try readSpec(revision, source: source, invalidStage: .drift)
        let rendered = try render(loaded.spec, revision: revision, keychain: keychain)
        follower?.remember(rendered, specHash: loaded.hash)
        let transaction = transaction()
        let found = try DriftStage.inspect(rendered, transaction: transaction, revision: revision)
        var remaining = found.records
        if found.shouldWrite(onDrift: config.onDrift) {
            let outcome = try WriteStage.commit(rendered, specHash: loaded.hash, transaction: transaction, stage: .drift,
                                                revision: revision)
            events.driftReapplied(found.records)
            events.writes(outcome, revision: revision, event: found.records.isEmpty ? "refreshed" : "reapplied")
            record { $0.recordApplied(outcome.plans, specHash: loaded.hash) }
            remaining = []
        } else {
            events.driftDetected(found.records, action: config.onDrift)
            if found.records.isEmpty { events.driftChecked(revision) }
        }
        record { status in
            status.drift = remaining
            status.lastDriftCheckAt = self.now
        }
        checkHealth(loaded.spec, revision: revision, keychain: keychain)
    }

    /// A follower started with the revision already applied has nothing to merge back until
    /// the next drift check: the applied revision is rendered for it now. A failure here is
    /// the drift check's to report.
    private func primeFollower(_ revision: String, source: any RevisionSource, keychain: any SecretStore) {
        guard let follower, !follower.hasRender else { return }
        do throws(ReconcileFailure) {
            let loaded = try SpecStage.read(revision, source: source, path: config.path,
                                            repositoryName: RevisionSpec.repositoryName(of: self.source.url), invalidStage: .drift)
            let rendered = try RenderStage.render(loaded.spec, mode: config.secrets ?? loaded.spec.secrets ?? .inline,
                                                  keyFiles: KeyFiles(state: context.files.state), locations: context.locations,
                                                  targets: config.targets, keychain: keychain, revision: revision)
            follower.remember(rendered, specHash: loaded.hash)
        } catch {
            events.log.debug("app-files-not-primed", metadata: ["detail": .string(error.message)])
        }
    }

    /// agent.yaml `healthCheck: true`: the probe's findings go into status and the log. A
    /// failing provider or a probe that cannot run never fails the cycle: the apply stands.
    private func checkHealth(_ spec: Spec, revision: String, keychain: any SecretStore) {
        guard config.healthCheck else { return }
        do {
            let health = try parts.health.check(spec, revision: revision, keychain: keychain, at: now)
            var failingBefore: Set<String> = []
            record { status in
                failingBefore = Set(status.health?.providers.filter { !$0.passed }.map(\.id) ?? [])
                status.health = health
            }
            events.health(health)
            // Announced when the failing set changes; a first check where all pass is no news.
            let failing = Set(health.providers.filter { !$0.passed }.map(\.id))
            if failing != failingBefore {
                announce(.healthChanged, revision: revision,
                         reason: failing.isEmpty ? AgentEvent.providersHealthy : AgentEvent.providersFailing)
            }
        } catch {
            events.healthCheckFailed(error)
        }
    }

    /// What OpenCode makes of the applied providers (`explain`'s verdict, every cycle: the app
    /// may rewrite its file at any time), logged when it changes: one line per target that
    /// changed, never one a cycle. Saved only when it changed.
    private func checkVerdicts() {
        guard let status = try? parts.status.read(), !status.applied.isEmpty else { return }
        let verdicts = status.currentVerdicts(on: context.locations, detector: versions.detector)
        for verdict in verdicts where status.verdicts.first(where: { $0.target == verdict.target }).map(verdict.sameVerdict) != true {
            events.verdictChanged(verdict)
        }
        if verdicts != status.verdicts { record { $0.verdicts = verdicts } }
    }

    // MARK: - Status

    private var now: Date { parts.clock.now }

    private func transaction() -> ApplyTransaction {
        let planner = Planner(state: context.files.state, locations: context.locations, options: MergeOptions())
        return ApplyTransaction(state: context.files.state, planner: planner,
                                targets: config.targets, toolVersion: context.toolVersion)
    }

    private func driftDue(_ status: AgentStatus) -> Bool {
        guard let last = status.lastDriftCheckAt else { return true }
        return now.timeIntervalSince(last) >= DurationText.seconds(config.driftInterval) * 0.999
    }

    /// Consecutive retryable errors: what the poll schedule backs off on.
    static func errorCount(_ status: AgentStatus) -> Int {
        status.lastError?.kind == .error ? status.consecutiveFailures : 0
    }

    /// `attempted`: the failure was about a new revision (not the drift check of the applied one).
    private func recordFailure(_ failure: ReconcileFailure, attempted: Bool = true) {
        let at = now
        var repeated = false
        let updated = record { status in
            repeated = status.lastError.map(failure.repeats) ?? false
            status.lastError = AgentStatus.ErrorRecord(failure, at: at)
            status.countFailure(stage: failure.stage.rawValue, reason: failure.reason.rawValue)
            status.consecutiveFailures += 1
            if attempted, let revision = failure.revision {
                status.lastAttemptedRevision = revision
                status.lastAttemptedAt = at
            }
        }
        events.failed(failure, failures: updated?.consecutiveFailures, repeated: repeated)
        // A revision that failed a check, announced once as it is logged once.
        if attempted, !repeated, failure.reason.isStalling {
            announce(.rejected, revision: failure.revision, reason: failure.reason.rawValue)
        }
    }

    // MARK: - What others see: metrics and events

    private func announce(_ kind: AgentEvent.Kind, revision: String?, reason: String? = nil) {
        guard config.webhook != nil else { return }
        announcements.append(AgentEvent(event: kind, revision: revision, host: context.host, user: context.user,
                                        version: context.toolVersion, reason: reason, time: now))
    }

    /// After each cycle: the metrics file written, the cycle's events handed to the notifier
    /// (which never waits for them). Neither can fail the cycle.
    private func publish(_ status: AgentStatus, keychain: (any SecretStore)?) {
        if let file = config.metricsFile {
            do {
                try MetricsTextfile.write(status, version: context.toolVersion, to: file)
            } catch {
                events.metricsNotWritten(file, error)
            }
        }
        let pending = announcements
        announcements = []
        guard let webhook = config.webhook, !pending.isEmpty else { return }
        let keychain = keychain ?? parts.keychain()
        for event in pending {
            do throws(NotificationError) {
                try parts.notifier.send(event, to: webhook, keychain: keychain)
                events.notificationStarted(event, to: webhook.url)
            } catch {
                events.notificationFailed(event, to: webhook.url, reason: error.description)
            }
        }
    }

    /// Deliveries that ended since the last cycle, logged.
    private func logDeliveries() {
        for outcome in parts.notifier.finished() { events.notificationEnded(outcome, to: config.webhook?.url) }
    }

    /// Saves a change to the status; a status that cannot be written is logged, never fatal:
    /// the files the agent manages matter more than its report.
    @discardableResult
    private func record(_ change: (inout AgentStatus) -> Void) -> AgentStatus? {
        do {
            return try parts.status.update(change)
        } catch {
            events.statusNotSaved(error)
            return nil
        }
    }
}
