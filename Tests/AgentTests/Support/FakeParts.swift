#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Agent
import Foundation
import ProviderSpec
import Secrets
import SystemIO

/// agent-status.json in memory.
final class MemoryStatusStore: StatusStore, @unchecked Sendable {
    private let lock = NSLock()
    private var saved = AgentStatus()

    func read() throws -> AgentStatus { lock.withLock { saved } }

    @discardableResult
    func update(_ change: (inout AgentStatus) -> Void) throws -> AgentStatus {
        lock.withLock {
            change(&saved)
            return saved
        }
    }
}

/// Time that moves only when told to, or when the loop sleeps: at once, by the whole sleep,
/// unless the inbox has a request (then it was woken at the start of the sleep).
final class FakeClock: AgentClock, @unchecked Sendable {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)
    private let lock = NSLock()
    private var wall = FakeClock.start
    private var monotonic: Duration = .seconds(1000)
    private var slept: [Duration] = []

    var now: Date { lock.withLock { wall } }
    var uptime: Duration { lock.withLock { monotonic } }
    /// Every sleep the loop asked for, in order.
    var sleeps: [Duration] { lock.withLock { slept } }

    func advance(_ duration: Duration) {
        lock.withLock {
            monotonic += duration
            wall = wall.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }

    func sleep(for duration: Duration, inbox: any AgentInbox) -> AgentRequest? {
        lock.withLock { slept.append(duration) }
        if let request = inbox.wait(timeout: .zero) { return request }
        advance(duration)
        return nil
    }
}

/// The loop's signals, scripted: what each wait returns (by its number, from 1), and a stop
/// after the last.
final class ScriptedInbox: AgentInbox {
    private let stopAfter: Int
    private var requests: [Int: AgentRequest]
    /// Runs at each wait with its number, before it answers: the world changes meanwhile.
    private let onWait: (Int) -> Void
    private(set) var waits = 0

    init(stopAfter waits: Int, requests: [Int: AgentRequest] = [:], onWait: @escaping (Int) -> Void = { _ in }) {
        stopAfter = waits
        self.requests = requests
        self.onWait = onWait
    }

    var stopRequested: ProcessSignal? { waits >= stopAfter ? .terminate : nil }

    func wait(timeout: Duration) -> AgentRequest? {
        waits += 1
        onWait(waits)
        return waits >= stopAfter ? .stop(signal: .terminate) : requests[waits]
    }
}

/// A probe that answers from a script: every provider passes unless named in `failing`, or
/// the probe cannot run at all.
final class FakeHealth: HealthChecker, @unchecked Sendable {
    private let lock = NSLock()
    private var failingIDs: Set<String> = []
    private var failure: HealthCheckError?
    private var count = 0

    func set(failing: Set<String> = [], failure: HealthCheckError? = nil) {
        lock.withLock {
            failingIDs = failing
            self.failure = failure
        }
    }

    var checks: Int { lock.withLock { count } }

    func check(_ spec: Spec, revision: String, keychain: any SecretStore, at date: Date) throws(HealthCheckError) -> HealthRecord {
        let (failing, failure) = lock.withLock {
            count += 1
            return (failingIDs, self.failure)
        }
        if let failure { throw failure }
        let providers = spec.providers.map { provider in
            HealthRecord.Provider(id: provider.id, passed: !failing.contains(provider.id),
                                  failures: failing.contains(provider.id) ? ["reachable: TCP: connection refused"] : [])
        }
        return HealthRecord(checkedAt: date, revision: revision, passed: providers.allSatisfy(\.passed), providers: providers)
    }
}
