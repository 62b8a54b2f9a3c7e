@testable import Agent
import Foundation
import GitSource
import Secrets
import Testing

/// The reconciler's rules, in-process: a fake repository, keychain, status, probe and clock;
/// real target files written by the real transaction. No test here sleeps.
@Suite("agent: the reconciler's rules on fakes")
struct ReconcilerTests {
    @Test("a new head is applied; the same head again is up to date and writes nothing; a later head applies")
    func newHead() throws {
        let rig = try ReconcilerRig()
        let first = rig.repository.commit(["providers.yaml": specText(["alpha"])], summary: "alpha")
        let applied = rig.cycle()
        #expect(applied.outcome.appliedRevision == first)
        #expect(applied.exitCode == 0)
        #expect(rig.providerIDs() == ["alpha"])
        #expect(rig.saved.lastAppliedRevision == first && rig.saved.lastAttemptedRevision == first)
        #expect(rig.saved.lastError == nil && rig.saved.remoteRevision == first)
        #expect(rig.events("revision-applied").first?.contains("commit=alpha") == true)

        let identity = rig.identity()
        let again = rig.cycle()
        #expect(again.outcome.isUpToDate)
        #expect(rig.identity() == identity, "an up-to-date poll must not touch the file")
        #expect(rig.repository.syncs == 2)

        let second = rig.repository.commit(["providers.yaml": specText(["alpha", "beta"])])
        #expect(rig.cycle().outcome.appliedRevision == second)
        #expect(rig.providerIDs() == ["alpha", "beta"])
        #expect(rig.events("fetched").last?.contains("change=fastForward") == true)
    }

    @Test("a rejected revision keeps the last good state, is attempted again at the next poll, and does not count as an error")
    func rejectedRevision() throws {
        let rig = try ReconcilerRig()
        let good = rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.cycle()
        let before = rig.text()
        let bad = rig.repository.commit(["providers.yaml": specText(["alpha", "beta"]).replacingOccurrences(of: "    models: [m-beta]", with: "    modles: [m-beta]")])
        for attempt in 1...2 {
            let report = rig.cycle()
            let failure = try #require(report.outcome.failure)
            #expect(failure.reason == .specInvalid && failure.stage == .validate && failure.revision == bad)
            #expect(failure.message.contains("team@") == false, "the fake's URL names the repository llm")
            #expect(failure.message.contains("llm@\(bad.prefix(7)):providers.yaml:10:5: error: unknown property 'modles'"), "\(failure.message)")
            #expect(report.exitCode == 1)
            #expect(report.consecutiveErrors == 0, "a rejected revision does not back off")
            #expect(rig.text() == before)
            let status = rig.saved
            #expect(status.lastAppliedRevision == good && status.lastAttemptedRevision == bad)
            #expect(status.lastError?.reason == .specInvalid && status.lastError?.kind == .rejected)
            #expect(status.consecutiveFailures == attempt)
        }
        #expect(rig.events("spec-error").count == 2)
        #expect(rig.events("revision-rejected").last?.contains("reason=specInvalid") == true)

        let fixed = rig.repository.commit(["providers.yaml": specText(["alpha", "beta"])])
        #expect(rig.cycle().outcome.appliedRevision == fixed)
        #expect(rig.saved.lastError == nil && rig.saved.consecutiveFailures == 0)
    }

    @Test("a force-push is followed and said in the log")
    func forcePush() throws {
        let rig = try ReconcilerRig()
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        let second = rig.repository.commit(["providers.yaml": specText(["alpha", "beta"])])
        rig.cycle()
        let rewritten = rig.repository.forcePush(["providers.yaml": specText(["alpha", "gamma"])])
        #expect(rig.cycle().outcome.appliedRevision == rewritten)
        #expect(rig.providerIDs() == ["alpha", "gamma"])
        let line = try #require(rig.events("force-push").first)
        #expect(line.contains(" warning force-push ") && line.contains("old=\(second.prefix(12))") && line.contains("change=rewritten"))
    }

    @Test("paused: nothing polled, nothing written; resumed: applied")
    func paused() throws {
        let rig = try ReconcilerRig()
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        try rig.status.update { $0.paused = true; $0.pauseReason = "release freeze" }
        let report = rig.cycle()
        guard case .paused(let reason) = report.outcome else { Issue.record("\(report.outcome)"); return }
        #expect(reason == "release freeze")
        #expect(rig.repository.syncs == 0)
        #expect(rig.text() == nil)
        #expect(rig.saved.lastCycleAt == rig.clock.now)
        try rig.status.update { $0.paused = false }
        #expect(rig.cycle().outcome.appliedRevision != nil)
    }

    @Test("a stop requested before the write ends the cycle with nothing written")
    func stopBeforeWrite() throws {
        let rig = try ReconcilerRig()
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        let report = rig.cycle(stopBeforeWrite: true)
        guard case .interrupted = report.outcome else { Issue.record("\(report.outcome)"); return }
        #expect(report.exitCode == 0)
        #expect(rig.text() == nil)
        #expect(!FileManager.default.fileExists(atPath: rig.folder("targets")))
        #expect(rig.saved.lastAppliedRevision == nil)
        #expect(rig.events("stopping-before-write").count == 1)
    }

    @Test("a change of targets re-applies the same revision")
    func settingsChange() throws {
        let rig = try ReconcilerRig()
        let revision = rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.cycle()
        #expect(rig.cycle().outcome.isUpToDate)
        let second = rig.folder("project/opencode.json")
        rig.config.targets.append(.path(second))
        #expect(rig.cycle().outcome.appliedRevision == revision)
        #expect(rig.providerIDs(second) == ["alpha"])
        #expect(rig.cycle().outcome.isUpToDate)
    }

    @Test("a missing keychain key rejects the revision (exit 1); once stored, the same head is applied")
    func missingKeyThenAdded() throws {
        let rig = try ReconcilerRig()
        let revision = rig.repository.commit(["providers.yaml": specText(["gateway"], key: "gateway-key")])
        let missing = rig.cycle()
        let failure = try #require(missing.outcome.failure)
        #expect(failure.reason == .keyMissing && failure.stage == .secrets && missing.exitCode == 1)
        #expect(failure.message.contains("provider-sync secret set gateway-key"))
        #expect(rig.text() == nil)

        try rig.keychain.store("gateway-key", value: "sk-first-0a1b2c3d", label: "gateway")
        #expect(rig.cycle().outcome.appliedRevision == revision)
        #expect(rig.text()?.contains("sk-first-0a1b2c3d") == true)
        #expect(!rig.lines.all.joined().contains("sk-first-0a1b2c3d"), "never in the log")
    }

    @Test("a rotated key is written on the drift interval, not before")
    func rotatedKey() throws {
        let rig = try ReconcilerRig()
        try rig.keychain.store("gateway-key", value: "sk-first-0a1b2c3d", label: "gateway")
        rig.repository.commit(["providers.yaml": specText(["gateway"], key: "gateway-key")])
        rig.cycle()
        try rig.keychain.store("gateway-key", value: "sk-second-9f8e7d6c", label: "gateway")
        rig.clock.advance(.seconds(1700))
        #expect(rig.cycle().outcome.isUpToDate)
        #expect(rig.text()?.contains("sk-first-0a1b2c3d") == true, "within the drift interval nothing is checked")
        rig.clock.advance(.seconds(100))
        #expect(rig.cycle().outcome.isUpToDate)
        #expect(rig.text()?.contains("sk-second-9f8e7d6c") == true)
        #expect(rig.events("refreshed").first?.contains("changes=\"updated provider gateway\"") == true)
        #expect(rig.saved.lastDriftCheckAt == rig.clock.now)
    }

    @Test("a hand edit on the drift interval: reapply puts it back, report leaves it and lists it",
          arguments: [AgentConfig.DriftAction.reapply, .report])
    func drift(action: AgentConfig.DriftAction) throws {
        let rig = try ReconcilerRig { $0.onDrift = action }
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.cycle()
        let applied = try #require(rig.text())
        let edited = applied.replacingOccurrences(of: "\"name\": \"Server alpha\"", with: "\"name\": \"Mine now\"")
        #expect(edited != applied)
        try edited.write(toFile: rig.target, atomically: true, encoding: .utf8)
        rig.clock.advance(.seconds(1800))
        let report = rig.cycle()
        #expect(report.outcome.isUpToDate && report.driftFailure == nil && report.exitCode == 0)
        switch action {
        case .reapply:
            #expect(rig.text() == applied)
            #expect(rig.saved.drift == [])
            #expect(rig.events("drift-reapplied").first?.contains("findings=\"provider alpha was edited by hand\"") == true)
        case .report:
            #expect(rig.text() == edited)
            #expect(rig.saved.drift.first?.findings == ["provider alpha was edited by hand"])
            #expect(rig.events("drift-detected").first?.contains("action=report") == true)
        }
    }

    @Test("the health check: failing providers and a probe that cannot run are reported, and the apply stands")
    func healthNeverFailsTheCycle() throws {
        let rig = try ReconcilerRig { $0.healthCheck = true }
        rig.health.set(failing: ["down"])
        let revision = rig.repository.commit(["providers.yaml": specText(["good", "down"])])
        let report = rig.cycle()
        #expect(report.outcome.appliedRevision == revision && report.exitCode == 0)
        #expect(rig.saved.health?.passed == false)
        #expect(rig.saved.health?.providers.map(\.passed) == [true, false])
        #expect(rig.events("provider-unhealthy").first?.contains("provider=down") == true)

        // On the drift interval the providers are probed again; a probe that cannot run is a
        // warning, the status keeps the last health.
        rig.health.set(failure: .probeMissing)
        rig.clock.advance(.seconds(1800))
        let later = rig.cycle()
        #expect(later.outcome.isUpToDate && later.exitCode == 0 && later.driftFailure == nil)
        #expect(rig.health.checks == 2)
        #expect(rig.events("health-check-failed").first?.contains("provider-sync-probe is not installed") == true)
        #expect(rig.saved.lastError == nil)
    }

    @Test("without healthCheck nothing is probed")
    func healthOff() throws {
        let rig = try ReconcilerRig()
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.cycle()
        #expect(rig.health.checks == 0 && rig.saved.health == nil)
    }

    @Test("the source is opened once and kept while its settings stay; a rotated token opens it again")
    func sourceKeptAcrossCycles() throws {
        let rig = try ReconcilerRig { $0.auth = .token(keyring: "team-git", username: nil) }
        try rig.keychain.store("team-git", value: "tok-1-aaaaaaaa", label: "git")
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.cycle()
        rig.cycle()
        #expect(rig.opener.opened.count == 1)
        try rig.keychain.store("team-git", value: "tok-2-bbbbbbbb", label: "git")
        rig.cycle()
        #expect(rig.opener.opened.count == 2)
        #expect(rig.opener.opened.last?.auth == .token(username: "x-access-token", token: "tok-2-bbbbbbbb"))
    }
}
