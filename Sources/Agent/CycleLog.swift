internal import GitSource
internal import JSONCore
import Logging
internal import OpenCodeLayers
internal import Sync

/// The events of a cycle, one line each in the agent's log: every event name and its fields
/// are here. The README documents the names; scripts and tests grep them.
struct CycleLog {
    let log: Logger
    let branch: String

    func paused(_ reason: String?) {
        log.info("paused", metadata: ["reason": .string(reason ?? "none given")])
    }

    func polled(_ result: FetchResult) {
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
            fields["detail"] = .string("\(branch) was rewritten on the server: \(short(result.old ?? "?")) is not an ancestor of "
                + "\(short(result.new)); following the new history")
            log.warning("force-push", metadata: fields)
        }
    }

    func upToDate(_ revision: String) {
        log.debug("up-to-date", metadata: ["revision": .string(short(revision))])
    }

    /// What OpenCode makes of a target's providers changed (or is known for the first time).
    func verdictChanged(_ verdict: TargetVerdict) {
        var fields: Logger.Metadata = ["target": .string(verdict.target), "usable": .string(verdict.usable.joined(separator: ",")),
                                       "opencode": .string(verdict.opencodeVersion ?? "unknown")]
        if !verdict.unusable.isEmpty {
            fields["unusable"] = .string(verdict.unusable.map { "\($0.id): \($0.reason)\($0.file.map { " (\($0))" } ?? "")" }
                .joined(separator: "; "))
        }
        if verdict.outcomes > 1 { fields["outcomes"] = .stringConvertible(verdict.outcomes) }
        if verdict.unusable.isEmpty {
            log.info("verdict-changed", metadata: fields)
        } else {
            log.warning("verdict-changed", metadata: fields)
        }
    }

    func applying(_ revision: String) {
        log.info("applying", metadata: ["revision": .string(short(revision))])
    }

    func verified(_ revision: String, _ signer: VerifiedSigner) {
        log.info("verified", metadata: ["revision": .string(short(revision)), "signer": .string(signer.signer),
                                        "key": .string(signer.key), "kind": .string(signer.kind.rawValue)])
    }

    func specWarnings(_ spec: RevisionSpec) {
        for warning in spec.warnings { log.warning("spec-warning", metadata: ["diagnostic": .string(warning)]) }
    }

    func renderWarnings(_ rendered: KeyedRender) {
        for warning in rendered.warnings { log.warning("key-file-warning", metadata: ["detail": .string(warning)]) }
    }

    func stoppingBeforeWrite(_ revision: String) {
        log.notice("stopping-before-write", metadata: ["revision": .string(short(revision))])
    }

    /// Each target written or left, under `event` (applied, reapplied, refreshed), and the key files written.
    func writes(_ outcome: ApplyOutcome, revision: String, event: String) {
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

    func revisionApplied(_ revision: String, spec: RevisionSpec, summary: String?, outcome: ApplyOutcome) {
        log.notice("revision-applied", metadata: [
            "revision": .string(short(revision)), "files": .string(spec.files.joined(separator: ",")),
            "providers": .stringConvertible(spec.spec.providers.count), "commit": .string(summary ?? ""),
            "changed": .stringConvertible(outcome.changedFiles),
        ])
    }

    /// revision-rejected (stalling) or cycle-failed (retryable); an invalid spec's diagnostics
    /// first. A failure that repeats the last one (same revision, stage and reason) was logged
    /// already: one debug line, so a bad commit at a 5-minute interval is not 576 errors a day.
    func failed(_ failure: ReconcileFailure, failures: Int?, repeated: Bool) {
        if repeated {
            var fields: Logger.Metadata = ["stage": .string(failure.stage.rawValue), "reason": .string(failure.reason.rawValue)]
            if let revision = failure.revision { fields["revision"] = .string(short(revision)) }
            if let failures { fields["failures"] = .stringConvertible(failures) }
            log.debug("failure-repeated", metadata: fields)
            return
        }
        if case .spec(.invalid(let invalid)) = failure.error {
            for d in invalid.rendered { log.error("spec-error", metadata: ["diagnostic": .string(d)]) }
        }
        var fields: Logger.Metadata = ["stage": .string(failure.stage.rawValue), "kind": .string(failure.reason.kind.rawValue),
                                       "reason": .string(failure.reason.rawValue),
                                       "detail": .string(failure.message.lines().first.map(String.init) ?? "")]
        if let revision = failure.revision { fields["revision"] = .string(short(revision)) }
        if let failures { fields["failures"] = .stringConvertible(failures) }
        log.error(failure.reason.isStalling ? "revision-rejected" : "cycle-failed", metadata: fields)
    }

    /// A cycle went well after failures (the last one's reason).
    func recovered(after error: AgentStatus.ErrorRecord, failures: Int) {
        var fields: Logger.Metadata = ["stage": .string(error.stage), "failures": .stringConvertible(failures)]
        if let reason = error.reason { fields["reason"] = .string(reason.rawValue) }
        log.notice("recovered", metadata: fields)
    }

    func driftReapplied(_ records: [AgentStatus.DriftRecord]) {
        for record in records {
            log.notice("drift-reapplied", metadata: ["target": .string(record.target), "path": .string(record.path),
                                                     "findings": .string(record.findings.joined(separator: "; "))])
        }
    }

    func driftDetected(_ records: [AgentStatus.DriftRecord], action: AgentConfig.DriftAction) {
        for record in records {
            log.warning("drift-detected", metadata: [
                "target": .string(record.target), "path": .string(record.path), "action": .string(action.rawValue),
                "findings": .string(record.findings.joined(separator: "; ")),
            ])
        }
    }

    func driftChecked(_ revision: String) {
        log.debug("drift-checked", metadata: ["revision": .string(short(revision))])
    }

    func health(_ health: HealthRecord) {
        for provider in health.providers where !provider.passed {
            log.warning("provider-unhealthy", metadata: ["provider": .string(provider.id),
                                                         "failures": .string(provider.failures.joined(separator: "; "))])
        }
        log.info("health-checked", metadata: ["revision": .string(short(health.revision)), "passed": .stringConvertible(health.passed)])
    }

    func healthCheckFailed(_ error: HealthCheckError) {
        log.warning("health-check-failed", metadata: ["detail": .string(error.description)])
    }

    func metricsNotWritten(_ file: String, _ error: any Error) {
        log.warning("metrics-not-written", metadata: ["path": .string(file), "reason": .string("\(error)")])
    }

    /// The webhook's URL is shown as its origin only: some carry their secret in the path.
    func notificationStarted(_ event: AgentEvent, to url: String) {
        log.debug("notification-started", metadata: ["event": .string(event.event.rawValue), "to": .string(WebhookURL.origin(url))])
    }

    func notificationFailed(_ event: AgentEvent, to url: String, reason: String) {
        log.warning("notification-failed", metadata: ["event": .string(event.event.rawValue), "to": .string(WebhookURL.origin(url)),
                                                      "reason": .string(reason)])
    }

    func notificationEnded(_ outcome: NotificationOutcome, to url: String?) {
        var fields: Logger.Metadata = ["event": .string(outcome.event.event.rawValue)]
        if let url { fields["to"] = .string(WebhookURL.origin(url)) }
        if let revision = outcome.event.revision { fields["revision"] = .string(short(revision)) }
        guard let result = outcome.result else {
            fields["reason"] = .string("provider-sync-probe notify exited \(outcome.exitStatus) without a report")
            log.warning("notification-failed", metadata: fields)
            return
        }
        fields["attempts"] = .stringConvertible(result.attempts)
        if let status = result.status { fields["status"] = .stringConvertible(status) }
        if result.delivered {
            log.info("notification-sent", metadata: fields)
        } else {
            fields["reason"] = .string(result.error ?? "not delivered")
            log.warning("notification-failed", metadata: fields)
        }
    }

    func statusNotSaved(_ error: any Error) {
        log.error("status-not-saved", metadata: ["reason": .string("\(error)")])
    }

    private func short(_ revision: String) -> String { String(revision.prefix(12)) }
}
