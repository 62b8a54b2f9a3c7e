@testable import Agent
import Foundation
import GitSource
import Secrets
import Testing

/// A rejected revision logs its error once, not two lines on every retry (at a 5-minute
/// interval, 576 a day): the same revision failing the same way is one debug line a retry; a
/// change of revision or reason is news and is logged again. On the fake clock, in-process.
@Suite("agent: a failure is logged once")
struct LogOnceTests {
    static let invalid = "version: 1\nproviders: {alpha: {name: A}}\n"

    /// The log's lines for `event` at `level`.
    func lines(_ rig: ReconcilerRig, _ event: String, level: String) -> [String] {
        rig.events(event).filter { $0.split(separator: " ")[1] == level }
    }

    @Test("the same bad revision at every poll of a day's worth of loop: one error and its diagnostics once; a debug line per retry")
    func sameRevision() throws {
        let rig = try ReconcilerRig { $0.driftInterval = .seconds(86_400) }
        let bad = rig.repository.commit(["providers.yaml": Self.invalid])
        #expect(rig.runLoop(ScriptedInbox(stopAfter: 12)) == 0)
        #expect(rig.clock.sleeps == Array(repeating: .seconds(300), count: 12), "a rejected revision never backs off")
        let errors = lines(rig, "revision-rejected", level: "error")
        #expect(errors.count == 1 && errors[0].contains("revision=\(bad.prefix(12))") && errors[0].contains("reason=specInvalid"))
        let spec = rig.events("spec-error")
        #expect(!spec.isEmpty && spec.count == Set(spec.map { $0.split(separator: " ", maxSplits: 3)[3] }).count,
                "each diagnostic once: \(spec)")
        let repeats = lines(rig, "failure-repeated", level: "debug")
        #expect(repeats.count == 11)
        #expect(repeats.last?.contains("failures=12") == true && repeats.last?.contains("reason=specInvalid") == true)
        #expect(rig.saved.consecutiveFailures == 12)
    }

    @Test("a new bad revision is logged again, and so is a change of reason for the same revision")
    func changes() throws {
        let rig = try ReconcilerRig()
        let first = rig.repository.commit(["providers.yaml": Self.invalid])
        rig.cycle()
        rig.cycle()
        #expect(rig.events("revision-rejected").count == 1)

        // Another commit, as bad: another revision, logged.
        let second = rig.repository.commit(["providers.yaml": Self.invalid + "# still wrong\n"])
        rig.cycle()
        rig.cycle()
        #expect(rig.events("revision-rejected").count == 2)
        #expect(rig.events("revision-rejected").last?.contains("revision=\(second.prefix(12))") == true)
        #expect(first != second)

        // A valid spec whose key is missing: the same commit fails for a new reason, then the
        // keychain goes away (another reason), then comes back (the first reason again).
        let third = rig.repository.commit(["providers.yaml": specText(["alpha"], key: "team-key")])
        rig.cycle()
        #expect(rig.saved.lastError?.reason == .keyMissing)
        rig.cycle()
        #expect(rig.events("revision-rejected").count == 3)
        rig.keychain.failure = .noSessionBus(detail: "no D-Bus session")
        rig.cycle()
        #expect(rig.saved.lastError?.reason == .keychainUnavailable)
        #expect(rig.events("cycle-failed").count == 1)
        rig.cycle()
        #expect(rig.events("cycle-failed").count == 1, "the same retryable failure is logged once too")
        rig.keychain.failure = nil
        rig.cycle()
        #expect(rig.events("revision-rejected").count == 4)
        #expect(rig.events("failure-repeated").count == 4)

        // Fixed: one notice that it recovered, with the last reason.
        try rig.keychain.store("team-key", value: "sk-team-0123456789abcdef", label: "team-key")
        let report = rig.cycle()
        #expect(report.outcome.appliedRevision == third)
        let recovered = rig.events("recovered")
        #expect(recovered.count == 1 && recovered[0].contains("reason=keyMissing") && recovered[0].contains("failures=9"), "\(rig.lines.all.suffix(6))")
    }

    @Test("the webhook hears of an applied revision, of a rejected one once, and of a change of the providers' health")
    func events() throws {
        let rig = try ReconcilerRig {
            $0.healthCheck = true
            $0.webhook = AgentConfig.Webhook(url: "https://hooks.example.com/T0/secret-path")
        }
        let good = rig.repository.commit(["providers.yaml": specText(["alpha", "beta"])])
        rig.cycle()
        let bad = rig.repository.commit(["providers.yaml": Self.invalid])
        rig.cycle()
        rig.cycle()
        rig.cycle()
        rig.health.set(failing: ["beta"])
        rig.repository.commit(["providers.yaml": specText(["alpha", "beta"], name: "Team")])
        rig.cycle()
        let events = rig.notifier.events
        #expect(events.map(\.event) == [.applied, .rejected, .applied, .healthChanged])
        #expect(events[0].revision == good && events[0].reason == nil)
        #expect(events[1].revision == bad && events[1].reason == "specInvalid")
        #expect(events[3].reason == AgentEvent.providersFailing)
        #expect(events.allSatisfy { $0.host == "ws-1" && $0.user == "alice" && $0.version == "test" })
        #expect(events[1].json.objectValue?.keys == ["event", "revision", "host", "user", "version", "reason", "time"])
        #expect(events[0].json["reason"] == .null && events[0].json["time"] == .string(AgentTime.text(FakeClock.start)))

        // No webhook configured: nothing is handed over.
        let quiet = try ReconcilerRig()
        quiet.repository.commit(["providers.yaml": specText(["alpha"])])
        quiet.cycle()
        #expect(quiet.notifier.events.isEmpty)
    }
}
