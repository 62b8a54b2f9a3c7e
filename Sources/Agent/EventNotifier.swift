import FoundationEssentials
internal import JSONCore
internal import ProbeLaunch
public import ProbeWire
public import Secrets
public import SystemIO
public import Workstation

/// Sends the agent's events to `notify.webhook` without holding up a cycle: `WebhookNotifier`
/// (provider-sync-probe in a process of its own) in the agent, a recorder in the reconciler's
/// tests.
public protocol EventNotifier: Sendable {
    /// Starts the delivery of `event` and returns at once.
    func send(_ event: AgentEvent, to webhook: AgentConfig.Webhook, keychain: any SecretStore) throws(NotificationError)
    /// The deliveries that ended since the last call.
    func finished() -> [NotificationOutcome]
}

/// How a delivery ended.
public struct NotificationOutcome: Sendable {
    public var event: AgentEvent
    /// The program's report; nil when it printed none (it crashed, or was killed).
    public var result: NotificationResult?
    public var exitStatus: Int32
}

/// Why an event could not be sent at all (not: the webhook refused it).
public enum NotificationError: Error, Sendable, CustomStringConvertible {
    /// A header's value is kept in the keychain or a variable that does not hold it.
    case header(name: String, reason: String)
    case probeMissing
    case cannotStart(SubprocessError)
    /// As many deliveries as allowed are still under way: a webhook that hangs must not
    /// make the agent start one process per cycle.
    case tooManyInFlight(Int)

    public var description: String {
        switch self {
        case .header(let name, let reason): "the header \(name) has no value: \(reason)"
        case .probeMissing: ProbeProgram.missing
        case .cannotStart(let error): error.description
        case .tooManyInFlight(let count): "\(count) deliveries are still under way; this event is dropped"
        }
    }
}

/// Each event through `provider-sync-probe notify`: the delivery (URL, headers with their
/// values looked up now, the event) on its standard input, retried there up to 3 times with
/// back-off within a minute. The process outlives the cycle; it is reaped by `finished()`.
public final class WebhookNotifier: EventNotifier, @unchecked Sendable {
    public static let maxInFlight = 4
    /// Each attempt's bound; with the default waits (2, 8, 24 s) four attempts end within a minute.
    static let attemptMilliseconds = 5000
    static let defaultFirstRetryMilliseconds = 2000

    private let locations: Locations
    private let lock = ThreadLock()
    private var running: [(process: BackgroundProcess, event: AgentEvent)] = []
    private var ended: [NotificationOutcome] = []

    public init(locations: Locations) {
        self.locations = locations
    }

    /// The waits before each retry: the first (`PROVIDER_SYNC_NOTIFY_RETRY_MS`, default 2 s), 4x, 12x.
    var retryDelays: [Int] {
        let first = locations.environment[.notifyRetryMilliseconds].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
            ?? Self.defaultFirstRetryMilliseconds
        return [first, 4 * first, 12 * first]
    }

    public func send(_ event: AgentEvent, to webhook: AgentConfig.Webhook, keychain: any SecretStore) throws(NotificationError) {
        collect()
        let inFlight = lock.withLock { running.count }
        guard inFlight < Self.maxInFlight else { throw .tooManyInFlight(inFlight) }
        var headers: [NotificationRequest.Header] = []
        for (name, value) in webhook.headers {
            switch value {
            case .text(let text):
                headers.append(.init(name: name, value: text))
            case .secret(let reference):
                switch KeyResolver.key(reference, locations: locations, keychain: { try keychain.lookup($0) }) {
                case .value(let secret): headers.append(.init(name: name, value: secret))
                case .unavailable(let reason): throw .header(name: name, reason: reason)
                case .none: throw .header(name: name, reason: "no reference")
                }
            }
        }
        guard let program = ProbeProgram.path(in: locations.environment) else { throw .probeMissing }
        let request = NotificationRequest(url: webhook.url, headers: headers, body: JSONWriter.compact(event.json),
                                          retryDelaysMilliseconds: retryDelays, timeoutMilliseconds: Self.attemptMilliseconds)
        do {
            let process = try BackgroundProcess.start(program, ["notify"], stdin: ProbeWireFormat.encode(request),
                                                      environment: locations.environment.values)
            lock.withLock { running.append((process, event)) }
        } catch {
            throw .cannotStart(error)
        }
    }

    public func finished() -> [NotificationOutcome] {
        collect()
        return lock.withLock {
            defer { ended = [] }
            return ended
        }
    }

    /// Reaps the deliveries that ended.
    private func collect() {
        lock.withLock {
            running.removeAll { entry in
                guard let end = entry.process.reap() else { return false }
                ended.append(NotificationOutcome(event: entry.event, result: ProbeWireFormat.notificationResult(from: end.output),
                                                 exitStatus: end.status))
                return true
            }
        }
    }
}
