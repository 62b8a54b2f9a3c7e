@testable import Agent
import Foundation
import GitSource
import Testing

/// `agent run`'s schedule on a fake clock: what it sleeps between cycles after successes,
/// rejected revisions and errors. Jitter is fixed at 0; the clock jumps by each sleep.
@Suite("agent run: the schedule on a fake clock")
struct AgentLoopRulesTests {
    @Test("the git host down: waits of 2, 4, 8... intervals, at most 10 intervals or an hour", arguments: [
        (Duration.seconds(1), [2, 4, 8, 10, 10] as [Int64]),
        (.seconds(300), [600, 1200, 2400, 3000, 3000]),
        (.seconds(600), [1200, 2400, 3600, 3600]),
    ])
    func backoff(interval: Duration, seconds: [Int64]) throws {
        let rig = try ReconcilerRig {
            $0.interval = interval
            $0.driftInterval = .seconds(86_400)
        }
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.repository.fail(with: .unreachable(url: "https://git.example.com/team/llm.git", reason: "connection refused"))
        #expect(rig.runLoop(ScriptedInbox(stopAfter: seconds.count)) == 0)
        #expect(rig.clock.sleeps == seconds.map { .seconds($0) })
        #expect(rig.repository.syncs == seconds.count)
        #expect(rig.saved.consecutiveFailures == seconds.count)
        #expect(rig.saved.lastError?.reason == .sourceUnreachable)
        #expect(rig.saved.pid == nil && rig.saved.nextRunAt == nil, "a stopped agent says so")
    }

    @Test("the host back: the next wait is one interval again")
    func recovery() throws {
        let rig = try ReconcilerRig { $0.driftInterval = .seconds(86_400) }
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.repository.fail(with: .unreachable(url: "https://git.example.com/team/llm.git", reason: "connection refused"))
        let inbox = ScriptedInbox(stopAfter: 4) { wait in
            if wait == 2 { rig.repository.fail(with: nil) }
        }
        #expect(rig.runLoop(inbox) == 0)
        #expect(rig.clock.sleeps == [.seconds(600), .seconds(1200), .seconds(300), .seconds(300)])
        #expect(rig.providerIDs() == ["alpha"])
        #expect(rig.saved.consecutiveFailures == 0)
    }

    @Test("a rejected revision is attempted again at the normal interval, never backed off")
    func rejectedRevision() throws {
        let rig = try ReconcilerRig { $0.driftInterval = .seconds(86_400) }
        rig.repository.commit(["providers.yaml": "version: 1\nproviders: {alpha: {name: A}}\n"])
        #expect(rig.runLoop(ScriptedInbox(stopAfter: 4)) == 0)
        #expect(rig.clock.sleeps == Array(repeating: .seconds(300), count: 4))
        // Logged once; each retry of the same revision and reason is one debug line.
        #expect(rig.events("revision-rejected").count == 1)
        #expect(rig.events("failure-repeated").count == 3)
        #expect(rig.saved.consecutiveFailures == 4 && rig.saved.lastError?.kind == .rejected)
    }

    @Test("between polls the loop wakes for the drift check, which polls nothing")
    func driftWake() throws {
        let rig = try ReconcilerRig {
            $0.interval = .seconds(3600)
            $0.driftInterval = .seconds(1200)
        }
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        #expect(rig.runLoop(ScriptedInbox(stopAfter: 4)) == 0)
        // Apply at 0; drift checks at 20 and 40 min; the poll at 60 min; then the drift check at 80.
        #expect(rig.clock.sleeps == [.seconds(1200), .seconds(1200), .seconds(1200), .seconds(1200)])
        #expect(rig.repository.syncs == 2)
    }

    @Test("SIGHUP polls at once, whatever the back-off")
    func reconcileRequest() throws {
        let rig = try ReconcilerRig { $0.driftInterval = .seconds(86_400) }
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        rig.repository.fail(with: .unreachable(url: "https://git.example.com/team/llm.git", reason: "connection refused"))
        let inbox = ScriptedInbox(stopAfter: 3, requests: [2: .reconcile]) { wait in
            if wait == 2 { rig.repository.fail(with: nil) }
        }
        #expect(rig.runLoop(inbox) == 0)
        // Woken at the start of the 20-minute wait: polled at 10 minutes, applied.
        #expect(rig.clock.sleeps == [.seconds(600), .seconds(1200), .seconds(300)])
        #expect(rig.repository.syncs == 3)
        #expect(rig.saved.lastPollAt == FakeClock.start.addingTimeInterval(600))
        #expect(rig.providerIDs() == ["alpha"])
    }

    @Test("a stop during a cycle: it ends before the write and the loop exits 0")
    func stopDuringCycle() throws {
        let rig = try ReconcilerRig()
        rig.repository.commit(["providers.yaml": specText(["alpha"])])
        let inbox = ScriptedInbox(stopAfter: 0)
        #expect(rig.runLoop(inbox) == 0)
        #expect(rig.clock.sleeps == [])
        #expect(rig.text() == nil)
        #expect(rig.events("stopping-before-write").count == 1)
    }
}
