import Foundation
import JSONCore
import ProbeTargets
import ProviderSpec
import Secrets

/// The last health check of the applied spec's providers, as `agent status` shows it.
public struct HealthRecord: Codable, Equatable, Sendable {
    public struct Provider: Codable, Equatable, Sendable {
        public var id: String
        public var passed: Bool
        /// "check (model): what was seen" for each failed check.
        public var failures: [String]
    }

    /// The most bytes kept of one failure (a server's message, its model ids).
    static let maxFailureBytes = 1024

    public var checkedAt: Date
    public var revision: String
    public var passed: Bool
    public var providers: [Provider]

    /// From the probe's JSON report (`provider-sync-probe probe --format json`).
    init?(report: JSONValue, revision: String, at date: Date) {
        guard let passed = report["passed"]?.boolValue, let providers = report["providers"]?.arrayValue else { return nil }
        // Summaries quote servers' error messages, and some servers echo the key they were sent.
        let redact = SecretRedactor.shared.redact
        func failures(_ checks: JSONValue?, model: String?) -> [String] {
            (checks?.arrayValue ?? []).filter { $0["status"] == "fail" }.map { check in
                let name = check["check"]?.stringValue ?? "?"
                let failure = "\(name)\(model.map { " (\($0))" } ?? ""): \(redact(check["summary"]?.stringValue ?? ""))"
                return BoundedText.clipped(failure, maxBytes: HealthRecord.maxFailureBytes)
            }
        }
        checkedAt = date
        self.revision = revision
        self.passed = passed
        self.providers = providers.map { provider in
            let models = provider["models"]?.arrayValue ?? []
            return Provider(id: provider["id"]?.stringValue ?? "?", passed: provider["passed"]?.boolValue ?? false,
                            failures: failures(provider["checks"], model: nil)
                                + models.flatMap { failures($0["checks"], model: $0["id"]?.stringValue ?? "?") })
        }
    }
}

/// The probe as the agent runs it: provider-sync-probe in a process of its own (its HTTP stack
/// never stays in the agent's memory), targets and keys on its standard input, no tool-call
/// check (two requests more per model, for a capability that does not change between commits),
/// a short bound per check.
enum ProviderHealth {
    static let checkSeconds = 10

    static func check(_ spec: Spec, revision: String, environment: [String: String],
                      keychain: KeychainSession) throws -> HealthRecord {
        let targets = try ProbeTargets.make(spec, environment: environment, keychain: keychain.lookup)
        guard let program = ProbeProgram.path(environment: environment) else { throw HealthCheckError(ProbeProgram.missing) }
        let input = JSONWriter.compact(.array(targets.map(\.json)))
        // Bounded: every check has its own bound, and providers go four at a time.
        let checks = targets.reduce(0) { $0 + 2 + 3 * $1.models.count }
        let bound = Duration.seconds(checkSeconds * (checks / 4 + 2) + 10)
        let result = try Subprocess.run(program, ["probe", "--targets-from-stdin", "--no-tools", "--format", "json",
                                                  "--timeout", "\(checkSeconds)"],
                                        stdin: Array(input.utf8), environment: environment, timeout: bound)
        guard let report = try? JSONParser.value(result.stdout),
              let record = HealthRecord(report: report, revision: revision, at: Date()) else {
            throw HealthCheckError("\(ProbeProgram.name) exited \(result.status): \(SecretRedactor.shared.redact(result.stderr))")
        }
        return record
    }
}

struct HealthCheckError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
