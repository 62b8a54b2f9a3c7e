import FoundationEssentials
internal import JSONCore
public import ProbeLaunch
internal import ProbeWire
public import ProviderSpec
internal import Redaction
public import Secrets
public import SystemIO
public import Workstation

/// The last health check of the applied spec's providers, as `agent status` shows it.
public struct HealthRecord: Codable, Equatable, Sendable {
    public struct Provider: Codable, Equatable, Sendable {
        public var id: String
        public var passed: Bool
        /// "check (model): what was seen" for each failed check.
        public var failures: [String]

        public init(id: String, passed: Bool, failures: [String]) {
            self.id = id
            self.passed = passed
            self.failures = failures
        }
    }

    /// The most bytes kept of one failure (a server's message, its model ids).
    static let maxFailureBytes = 1024

    public var checkedAt: Date
    public var revision: String
    public var passed: Bool
    public var providers: [Provider]

    public init(checkedAt: Date, revision: String, passed: Bool, providers: [Provider]) {
        self.checkedAt = checkedAt
        self.revision = revision
        self.passed = passed
        self.providers = providers
    }

    /// From the probe's report (`provider-sync-probe probe --format json`).
    init(report: ProbeReport, revision: String, at date: Date) {
        // Summaries quote servers' error messages, and some servers echo the key they were sent.
        let redact = SecretRedactor.shared.redact
        func failures(_ checks: [CheckResult], model: String?) -> [String] {
            checks.filter { $0.status == .fail }.map { check in
                let failure = "\(check.check.rawValue)\(model.map { " (\($0))" } ?? ""): \(redact(check.summary))"
                return BoundedText.clipped(failure, maxBytes: HealthRecord.maxFailureBytes)
            }
        }
        checkedAt = date
        self.revision = revision
        passed = !report.failed
        providers = report.providers.map { provider in
            Provider(id: provider.id, passed: !provider.failed,
                     failures: failures(provider.checks, model: nil) + provider.models.flatMap { failures($0.checks, model: $0.id) })
        }
    }
}

/// Probes the applied spec's providers: `ProviderHealth` (provider-sync-probe in its own
/// process) in the agent, a fake in the reconciler's tests. Whatever it finds, and whether it
/// can run at all, never fails a cycle.
public protocol HealthChecker: Sendable {
    func check(_ spec: Spec, revision: String, keychain: any SecretStore, at date: Date) throws(HealthCheckError) -> HealthRecord
}

/// The probe as the agent runs it: provider-sync-probe in a process of its own (its HTTP stack
/// never stays in the agent's memory), targets and keys on its standard input, no tool-call
/// check (two requests more per model, for a capability that does not change between commits),
/// a short bound per check.
public struct ProviderHealth: HealthChecker {
    static let checkSeconds = 10

    public var locations: Locations

    public init(locations: Locations) {
        self.locations = locations
    }

    public func check(_ spec: Spec, revision: String, keychain: any SecretStore, at date: Date) throws(HealthCheckError) -> HealthRecord {
        let targets: [ProbeTarget]
        do {
            targets = try ProbeTargets.make(spec, locations: locations) { try keychain.lookup($0) }
        } catch {
            throw .targets(error)
        }
        guard let program = ProbeProgram.path(in: locations.environment) else { throw .probeMissing }
        // Bounded: every check has its own bound, and providers go four at a time.
        let checks = targets.reduce(0) { $0 + 2 + 3 * $1.models.count }
        let bound = Duration.seconds(Self.checkSeconds * (checks / 4 + 2) + 10)
        let result: Subprocess.Result
        do {
            result = try ProbeProgram.run(program, ["probe", "--no-tools", "--format", "json", "--timeout", "\(Self.checkSeconds)"],
                                          targets: targets, environment: locations.environment, timeout: bound, output: .captured)
        } catch {
            throw .probe(error)
        }
        do {
            return HealthRecord(report: try ProbeWireFormat.report(from: Array(result.stdout.utf8)), revision: revision, at: date)
        } catch {
            throw .unreadableReport(status: result.status, stderr: result.stderr)
        }
    }
}

/// Why the providers could not be probed (not: a provider failed a check).
public enum HealthCheckError: Error, Sendable, CustomStringConvertible {
    case targets(ProbeTargets.Failure)
    case probeMissing
    case probe(SubprocessError)
    /// The probe did not answer with its JSON report.
    case unreadableReport(status: Int32, stderr: String)

    public var description: String {
        switch self {
        case .targets(let failure): failure.description
        case .probeMissing: ProbeProgram.missing
        case .probe(let error): error.description
        case .unreadableReport(let status, let stderr):
            "\(ProbeProgram.name) exited \(status): \(SecretRedactor.shared.redact(stderr))"
        }
    }
}
