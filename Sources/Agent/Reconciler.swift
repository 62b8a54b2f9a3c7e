import Foundation
import GitSource
import Logging
import OpenCodeConfig
import ProviderSpec
import Secrets
import Sync

/// Where the agent works on this workstation, and as which program.
public struct AgentContext: Sendable {
    public var files: AgentFiles
    public var platform: Platform
    public var environment: [String: String]
    public var toolVersion: String

    public init(files: AgentFiles, platform: Platform, environment: [String: String], toolVersion: String) {
        self.files = files
        self.platform = platform
        self.environment = environment
        self.toolVersion = toolVersion
    }
}

/// How one cycle ended.
public enum CycleOutcome: Sendable, Equatable {
    case applied(revision: String)
    case upToDate(revision: String)
    case paused(reason: String?)
    /// Stopped by a signal before anything was written.
    case interrupted
    /// No poll this time (the loop woke for the drift check alone).
    case driftOnly
    case failed(AgentStatus.ErrorRecord)
}

public struct CycleReport: Sendable, Equatable {
    public var outcome: CycleOutcome
    /// A failed drift check (the poll itself may have gone well).
    public var driftFailure: AgentStatus.ErrorRecord?
    /// Consecutive errors (not rejected revisions) so far: what the poll schedule backs off on.
    public var consecutiveErrors: Int

    /// `agent once`: 0 applied or up to date, 1 a revision failed a check, 2 an error.
    public var exitCode: Int32 {
        var kinds: [AgentStatus.ErrorRecord.Kind] = []
        if case .failed(let record) = outcome { kinds.append(record.kind) }
        if let driftFailure { kinds.append(driftFailure.kind) }
        if kinds.contains(.error) { return 2 }
        return kinds.isEmpty ? 0 : 1
    }
}

/// A stage of a cycle that failed, with whether the revision is at fault.
struct CycleFailure: Error {
    var kind: AgentStatus.ErrorRecord.Kind
    var stage: String
    var message: String
    var revision: String?

    static func rejected(_ stage: String, _ message: String, revision: String?) -> CycleFailure {
        CycleFailure(kind: .rejected, stage: stage, message: message, revision: revision)
    }

    static func error(_ stage: String, _ message: String, revision: String? = nil) -> CycleFailure {
        CycleFailure(kind: .error, stage: stage, message: message, revision: revision)
    }
}

/// One reconcile cycle: poll the branch, apply a new head as one transaction (verify -> read ->
/// validate -> keys -> render -> plan -> write), and on the drift interval put hand edits and
/// rotated keys right. Any failure writes nothing and leaves the last good state in force; the
/// status file says what happened.
public final class Reconciler {
    public let config: AgentConfig
    public let context: AgentContext
    public let log: Logger
    private let store: AgentStatusStore
    /// The mirror of the last cycle.
    private var cachedMirror: GitMirror?

    public init(config: AgentConfig, context: AgentContext, log: Logger) {
        self.config = config
        self.context = context
        self.log = log
        store = AgentStatusStore(files: context.files)
    }

    /// The source as status shows it, without credentials.
    public var source: AgentStatus.Source {
        let url = (try? GitURL(parsing: config.url).redacted) ?? config.url
        return AgentStatus.Source(url: url, branch: config.branch, path: config.path)
    }

    /// Runs one cycle. Without `poll` only the drift check runs (when due): the loop wakes for
    /// it between polls. `shouldStop` is asked before anything is written: a stop requested
    /// while the cycle fetched or checked ends it without a write.
    public func cycle(now: Date = Date(), poll shouldPoll: Bool = true, shouldStop: () -> Bool = { false }) -> CycleReport {
        let before = (try? store.read()) ?? AgentStatus()
        record { $0.source = self.source }
        if before.paused {
            record { $0.lastCycleAt = Date() }
            log.info("paused", metadata: ["reason": .string(before.pauseReason ?? "none given")])
            return CycleReport(outcome: .paused(reason: before.pauseReason), driftFailure: nil,
                               consecutiveErrors: errorCount(before))
        }
        let keychain = KeychainSession(environment: context.environment)
        var outcome = CycleOutcome.driftOnly
        var mirror: GitMirror?
        var justApplied = false
        do {
            let opened = try openMirror(keychain)
            mirror = opened
            if shouldPoll {
                let head = try poll(opened)
                if head == before.lastAppliedRevision && before.lastAppliedSettings == settings {
                    log.debug("up-to-date", metadata: ["revision": .string(short(head))])
                    record { status in
                        status.lastError = nil
                        status.consecutiveFailures = 0
                    }
                    outcome = .upToDate(revision: head)
                } else if try apply(head, mirror: opened, keychain: keychain, shouldStop: shouldStop) {
                    justApplied = true
                    outcome = .applied(revision: head)
                } else {
                    log.notice("stopping-before-write", metadata: ["revision": .string(short(head))])
                    outcome = .interrupted
                }
            }
        } catch let failure as CycleFailure {
            outcome = .failed(recordFailure(failure))
        } catch {
            outcome = .failed(recordFailure(.error("cycle", "\(error)")))
        }
        var driftFailure: AgentStatus.ErrorRecord?
        let after = (try? store.read()) ?? before
        if !justApplied, outcome != .interrupted, let mirror, let applied = after.lastAppliedRevision,
           after.lastAppliedSettings == settings, driftDue(after, now: now), !shouldStop() {
            do {
                try checkDrift(applied, mirror: mirror, keychain: keychain)
            } catch let failure as CycleFailure {
                driftFailure = recordFailure(failure, attempted: false)
            } catch {
                driftFailure = recordFailure(.error("drift", "\(error)"), attempted: false)
            }
        }
        let final = record { $0.lastCycleAt = Date() } ?? after
        return CycleReport(outcome: outcome, driftFailure: driftFailure, consecutiveErrors: errorCount(final))
    }

    // MARK: - Stages

    private func openMirror(_ keychain: KeychainSession) throws -> GitMirror {
        var auth: GitAuth?
        switch config.auth {
        case nil: auth = nil
        case .token(let name, let username)?:
            let token: String?
            do { token = try keychain.lookup(name) } catch { throw CycleFailure.error("credentials", "\(error)") }
            guard let token else {
                throw CycleFailure.error("credentials", "the keychain holds no token named '\(name)' for \(source.url); store it with: provider-sync secret set \(name)")
            }
            auth = .token(username: username ?? "x-access-token", token: token)
        case .sshKey(let path, let username)?:
            auth = .sshKey(username: username, privateKey: path, publicKey: nil, passphrase: nil)
        case .sshAgent(let username)?:
            auth = .sshAgent(username: username)
        }
        let sourceConfig = GitSourceConfig(url: config.url, branch: config.branch, auth: auth, caFile: config.caFile,
                                           knownHosts: config.knownHosts)
        // Kept from cycle to cycle while its settings stay (a rotated token opens a new one):
        // opening costs little, but libgit2 1.5.1 leaks memory on every remote lookup it does.
        if let cachedMirror, cachedMirror.config == sourceConfig { return cachedMirror }
        do {
            let opened = try GitMirror(path: context.files.mirror, config: sourceConfig)
            cachedMirror = opened
            return opened
        } catch {
            cachedMirror = nil
            throw CycleFailure.error("fetch", "\(error)")
        }
    }

    /// ls-remote, and a fetch only when the branch moved. Returns the branch's commit.
    private func poll(_ mirror: GitMirror) throws -> String {
        let result: FetchResult
        do {
            result = try mirror.sync()
        } catch {
            throw CycleFailure.error("fetch", "\(error)")
        }
        var fields: Logger.Metadata = [
            "revision": .string(short(result.new)), "change": .string(result.change.rawValue),
            "fetched": .stringConvertible(result.fetched), "ms": .stringConvertible(DurationText.milliseconds(result.duration)),
            "sent": .stringConvertible(result.traffic.bytesSent), "received": .stringConvertible(result.traffic.bytesReceived),
        ]
        if result.fetched {
            fields["objects"] = .stringConvertible(result.transfer.receivedObjects)
            if let old = result.old { fields["old"] = .string(short(old)) }
        }
        switch result.change {
        case .unchanged: log.debug("polled", metadata: fields)
        case .cloned, .fastForward: log.info("fetched", metadata: fields)
        case .rewritten:
            // History was rewritten on the server: followed, as Flux does, and said loudly.
            log.warning("force-push", metadata: fields.merging([
                "detail": .string("\(config.branch) was rewritten on the server: \(short(result.old ?? "?")) is not an ancestor of \(short(result.new)); following the new history"),
            ]) { _, new in new })
        }
        record { status in
            status.remoteRevision = result.new
            status.lastPollAt = Date()
        }
        return result.new
    }

    /// The transaction for `revision`. Returns false when a stop was asked for before the write.
    private func apply(_ revision: String, mirror: GitMirror, keychain: KeychainSession,
                       shouldStop: () -> Bool) throws -> Bool {
        log.info("applying", metadata: ["revision": .string(short(revision))])
        if let verification = config.verify {
            try verify(revision, mirror: mirror, verification: verification)
        }
        let loaded = try readSpec(revision, mirror: mirror, stage: "validate")
        let rendered = try render(loaded.spec, revision: revision, keychain: keychain)
        if shouldStop() { return false }
        let outcome: ApplyOutcome
        do {
            outcome = try transaction().commit(rendered.config, keyFileValues: rendered.keyFileValues, specHash: loaded.hash)
        } catch {
            throw CycleFailure.error("write", "\(error)", revision: revision)
        }
        logWrites(outcome, revision: revision, event: "applied")
        let info = try? mirror.commitInfo(revision)
        log.notice("revision-applied", metadata: [
            "revision": .string(short(revision)), "files": .string(loaded.files.joined(separator: ",")),
            "providers": .stringConvertible(loaded.spec.providers.count), "commit": .string(info?.summary ?? ""),
            "changed": .stringConvertible(outcome.changedFiles),
        ])
        record { status in
            status.lastAppliedRevision = revision
            status.lastAppliedAt = Date()
            status.lastAppliedSettings = self.settings
            status.lastAttemptedRevision = revision
            status.lastAttemptedAt = Date()
            status.lastError = nil
            status.consecutiveFailures = 0
            // The apply merged everything: hand edits are gone, keys are current.
            status.drift = []
            status.lastDriftCheckAt = Date()
            status.recordApplied(outcome.plans, specHash: loaded.hash)
        }
        if !shouldStop() { checkHealth(loaded.spec, revision: revision, keychain: keychain) }
        return true
    }

    /// agent.yaml `healthCheck: true`: the probe's findings go into status and the log. A
    /// failing provider or a probe that cannot run never fails the cycle: the apply stands.
    private func checkHealth(_ spec: Spec, revision: String, keychain: KeychainSession) {
        guard config.healthCheck else { return }
        do {
            let health = try ProviderHealth.check(spec, revision: revision, environment: context.environment, keychain: keychain)
            record { $0.health = health }
            for provider in health.providers where !provider.passed {
                log.warning("provider-unhealthy", metadata: ["provider": .string(provider.id),
                                                             "failures": .string(provider.failures.joined(separator: "; "))])
            }
            log.info("health-checked", metadata: ["revision": .string(short(revision)), "passed": .stringConvertible(health.passed)])
        } catch {
            log.warning("health-check-failed", metadata: ["detail": .string("\(error)")])
        }
    }

    private func verify(_ revision: String, mirror: GitMirror, verification: AgentConfig.Verification) throws {
        let signature: CommitSignature?
        do {
            signature = try mirror.commitSignature(revision)
        } catch {
            throw CycleFailure.error("verify", "\(error)", revision: revision)
        }
        do {
            let signer = try CommitVerifier(verification: verification, environment: context.environment)
                .verify(revision, signature: signature)
            log.info("verified", metadata: ["revision": .string(short(revision)), "signer": .string(signer.signer),
                                            "key": .string(signer.key), "kind": .string(signer.kind.rawValue)])
        } catch let failure as VerificationFailure {
            throw CycleFailure.rejected("verify", "\(failure); not applied", revision: revision)
        } catch {
            throw CycleFailure.error("verify", "\(error)", revision: revision)
        }
    }

    private func readSpec(_ revision: String, mirror: GitMirror, stage: String) throws -> RevisionSpec {
        let reader = RevisionSpecReader(mirror: mirror, path: config.path,
                                        repositoryName: RevisionSpecReader.repositoryName(of: source.url))
        do {
            let loaded = try reader.read(revision)
            for warning in loaded.warnings { log.warning("spec-warning", metadata: ["diagnostic": .string(warning)]) }
            return loaded
        } catch {
            switch error {
            case .missing(let message):
                throw CycleFailure.rejected("read", message, revision: revision)
            case .invalid(let files, let diagnostics, let count):
                for d in diagnostics { log.error("spec-error", metadata: ["diagnostic": .string(d)]) }
                let names = files.joined(separator: ", ")
                let message = "\(names) \(files.count == 1 ? "is" : "are") not valid (\(count) error\(count == 1 ? "" : "s")); not applied\n"
                    + diagnostics.joined(separator: "\n")
                throw CycleFailure.rejected(stage, message, revision: revision)
            case .merge(let merge):
                throw CycleFailure.rejected(stage, "\(merge); not applied", revision: revision)
            case .git(let git):
                throw CycleFailure.error("read", "\(git)", revision: revision)
            }
        }
    }

    private func render(_ spec: Spec, revision: String, keychain: KeychainSession) throws -> KeyedRender {
        let mode = config.secrets ?? spec.secrets ?? .inline
        do {
            let rendered = try SpecRenderer.render(spec, mode: mode, keyFiles: KeyFiles(state: context.files.state),
                                                   environment: context.environment, lookup: keychain.lookup)
            for warning in rendered.warnings { log.warning("key-file-warning", metadata: ["detail": .string(warning)]) }
            return rendered
        } catch let missing as MissingSecrets {
            throw CycleFailure.rejected("secrets", missing.description, revision: revision)
        } catch {
            throw CycleFailure.error("secrets", "\(error)", revision: revision)
        }
    }

    /// Hand edits put back (or only reported), rotated keys written: the last applied revision
    /// rendered again with the keys as they are now, applied when a file would change.
    private func checkDrift(_ revision: String, mirror: GitMirror, keychain: KeychainSession) throws {
        let loaded = try readSpec(revision, mirror: mirror, stage: "drift")
        let rendered = try render(loaded.spec, revision: revision, keychain: keychain)
        let transaction = transaction()
        let plans: [TargetPlan]
        let needsWrite: Bool
        do {
            plans = try transaction.plan(rendered.config)
            needsWrite = try transaction.wouldWrite(rendered.config, keyFileValues: rendered.keyFileValues)
        } catch {
            throw CycleFailure.error("drift", "\(error)", revision: revision)
        }
        let found = plans.compactMap { plan -> AgentStatus.DriftRecord? in
            guard !plan.state.isEmpty else { return nil }
            let findings = drift(existingText: plan.currentText, ownership: plan.state.ownership)
            return findings.isEmpty ? nil : AgentStatus.DriftRecord(target: plan.target.description, path: plan.path, findings: findings)
        }
        var remaining = found
        if needsWrite && (config.onDrift == .reapply || found.isEmpty) {
            let outcome: ApplyOutcome
            do {
                outcome = try transaction.commit(rendered.config, keyFileValues: rendered.keyFileValues, specHash: loaded.hash)
            } catch {
                throw CycleFailure.error("drift", "\(error)", revision: revision)
            }
            for record in found {
                log.notice("drift-reapplied", metadata: ["target": .string(record.target), "path": .string(record.path),
                                                         "findings": .string(record.findings.joined(separator: "; "))])
            }
            logWrites(outcome, revision: revision, event: found.isEmpty ? "refreshed" : "reapplied")
            record { $0.recordApplied(outcome.plans, specHash: loaded.hash) }
            remaining = []
        } else {
            for record in found {
                log.warning("drift-detected", metadata: [
                    "target": .string(record.target), "path": .string(record.path), "action": .string(config.onDrift.rawValue),
                    "findings": .string(record.findings.joined(separator: "; ")),
                ])
            }
            if found.isEmpty { log.debug("drift-checked", metadata: ["revision": .string(short(revision))]) }
        }
        record { status in
            status.drift = remaining
            status.lastDriftCheckAt = Date()
        }
        checkHealth(loaded.spec, revision: revision, keychain: keychain)
    }

    // MARK: - Helpers

    private func transaction() -> ApplyTransaction {
        let planner = Planner(state: context.files.state, platform: context.platform, environment: context.environment,
                              options: MergeOptions())
        return ApplyTransaction(state: context.files.state, planner: planner,
                                targets: config.targets.compactMap(Target.init(parsing:)), toolVersion: context.toolVersion)
    }

    private func logWrites(_ outcome: ApplyOutcome, revision: String, event: String) {
        for plan in outcome.plans {
            var fields: Logger.Metadata = ["target": .string(plan.target.description), "path": .string(plan.path),
                                           "revision": .string(short(revision))]
            for warning in plan.result.warnings { log.warning("target-warning", metadata: fields.merging(["detail": .string(warning)]) { $1 }) }
            if plan.changesFile {
                fields["changes"] = .string(plan.result.changes.map(\.description).joined(separator: ", "))
                log.info("\(event)", metadata: fields)
            } else {
                log.info("unchanged", metadata: fields)
            }
        }
        for name in outcome.keyFilesWritten {
            log.info("key-file-written", metadata: ["secret": .string(name)])
        }
    }

    /// Source, targets and secrets mode: a change of any re-applies the same revision.
    var settings: String {
        stableHash(.array([.string(config.url), .string(config.branch), .string(config.path),
                           .array(config.targets.map { .string($0) }), .string(config.secrets?.rawValue ?? "spec")]))
    }

    private func driftDue(_ status: AgentStatus, now: Date) -> Bool {
        guard let last = status.lastDriftCheckAt else { return true }
        return now.timeIntervalSince(last) >= DurationText.seconds(config.driftInterval) * 0.999
    }

    private func errorCount(_ status: AgentStatus) -> Int {
        status.lastError?.kind == .error ? status.consecutiveFailures : 0
    }

    private func recordFailure(_ failure: CycleFailure, attempted: Bool = true) -> AgentStatus.ErrorRecord {
        let entry = AgentStatus.ErrorRecord(kind: failure.kind, stage: failure.stage, message: failure.message, at: Date(),
                                            revision: failure.revision)
        let updated = record { status in
            status.lastError = entry
            status.consecutiveFailures += 1
            if attempted, let revision = failure.revision {
                status.lastAttemptedRevision = revision
                status.lastAttemptedAt = Date()
            }
        }
        var fields: Logger.Metadata = ["stage": .string(failure.stage), "kind": .string(failure.kind.rawValue),
                                       "reason": .string(failure.message.split(separator: "\n").first.map(String.init) ?? "")]
        if let revision = failure.revision { fields["revision"] = .string(short(revision)) }
        if let count = updated?.consecutiveFailures { fields["failures"] = .stringConvertible(count) }
        log.error(failure.kind == .rejected ? "revision-rejected" : "cycle-failed", metadata: fields)
        return entry
    }

    /// Saves a change to the status; a status that cannot be written is logged, never fatal:
    /// the files the agent manages matter more than its report.
    @discardableResult
    private func record(_ change: (inout AgentStatus) -> Void) -> AgentStatus? {
        do {
            return try store.update(change)
        } catch {
            log.error("status-not-saved", metadata: ["reason": .string("\(error)")])
            return nil
        }
    }

    private func short(_ revision: String) -> String { String(revision.prefix(12)) }
}
