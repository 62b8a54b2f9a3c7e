import Foundation
import Probe
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

    public var checkedAt: Date
    public var revision: String
    public var passed: Bool
    public var providers: [Provider]

    init(_ report: ProbeReport, revision: String, at date: Date) {
        checkedAt = date
        self.revision = revision
        passed = !report.failed
        // Summaries quote servers' error messages, and some servers echo the key they were sent.
        let redact = SecretRedactor.shared.redact
        providers = report.providers.map { provider in
            let failures = provider.checks.filter { $0.status == .fail }.map { "\($0.check.rawValue): \(redact($0.summary))" }
                + provider.models.flatMap { model in
                    model.checks.filter { $0.status == .fail }.map { "\($0.check.rawValue) (\(model.id)): \(redact($0.summary))" }
                }
            return Provider(id: provider.id, passed: !provider.failed, failures: failures)
        }
    }
}

/// The probe as the agent runs it: no tool-call check (two requests more per model, for a
/// capability that does not change between commits), a short bound per check.
enum ProviderHealth {
    static let settings = ProbeSettings(timeout: 10, concurrency: 4, tools: false)

    /// Probes `spec`'s providers with keys from this workstation. Blocks the calling thread,
    /// which must not be one of Swift concurrency's (the agent's loop runs on its own).
    static func check(_ spec: Spec, revision: String, environment: [String: String],
                      keychain: KeychainSession) throws -> HealthRecord {
        let targets = try ProbeTargets.make(spec, environment: environment, keychain: keychain.lookup)
        let report = try Blocking.run { try await Prober(settings: settings).probe(targets) }
        return HealthRecord(report, revision: revision, at: Date())
    }
}
