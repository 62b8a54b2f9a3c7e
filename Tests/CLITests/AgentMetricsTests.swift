#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import TestSupport
import Testing

/// The metrics textfile for node_exporter, read back with Prometheus' own parser.
@Suite("agent: the Prometheus metrics textfile", .needs(AgentTools.hasGit && PrometheusTextParser.isInstalled, "git, prometheus-client's parser (its test venv)"))
struct AgentMetricsTests {
    /// The parsed families by name (a counter's without `_total`, as the parser names it).
    func families(_ file: String) throws -> [String: JSONValue] {
        let parsed = try JSONParser.value(try PrometheusTextParser.families(of: file))
        var out: [String: JSONValue] = [:]
        for family in parsed.arrayValue ?? [] { out[family["name"]?.stringValue ?? ""] = family }
        return out
    }

    func samples(_ families: [String: JSONValue], _ name: String) -> [(labels: JSONValue, value: Double)] {
        (families[name]?["samples"]?.arrayValue ?? []).map { ($0["labels"] ?? .null, $0["value"]?.numberValue ?? .nan) }
    }

    @Test("agent init --metrics-file: after each cycle a 0644 textfile the parser reads, with HELP, TYPE and the revision, times and failures")
    func textfile() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let folder = world.root + "/textfile"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/provider-sync.prom"
        let good = try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: nil, ["--metrics-file", file])
        #expect(fileText(world.agentConfig)?.contains("metrics:\n  textfile: \"\(file)\"\n") == true)

        let started = Date().timeIntervalSince1970
        #expect(try world.cli(["agent", "once"]).status == 0)
        #expect(FileFacts(file)?.mode == 0o644)
        let text = try #require(fileText(file))
        for name in ["provider_sync_revision_info", "provider_sync_last_applied_timestamp_seconds", "provider_sync_cycle_failures_total",
                     "provider_sync_provider_up", "provider_sync_drift"] {
            #expect(text.contains("# HELP \(name) ") && text.contains("# TYPE \(name) "), "\(name) in\n\(text)")
        }
        var f = try families(file)
        #expect(f["provider_sync_revision_info"]?["type"] == "gauge")
        #expect(samples(f, "provider_sync_revision_info").map(\.labels).contains(.object(JSONObject([("revision", .string(good)), ("state", "applied")]))),
                "\(text)")
        let applied = try #require(samples(f, "provider_sync_last_applied_timestamp_seconds").first?.value)
        #expect(applied >= started - 1 && applied <= Date().timeIntervalSince1970 + 1)
        #expect(samples(f, "provider_sync_last_attempt_timestamp_seconds").first?.value == applied)
        #expect(f["provider_sync_cycle_failures"]?["type"] == "counter" && samples(f, "provider_sync_cycle_failures").isEmpty)
        #expect(samples(f, "provider_sync_drift").first?.value == 0 && samples(f, "provider_sync_consecutive_failures").first?.value == 0)
        #expect(samples(f, "provider_sync_build_info").first?.labels["version"]?.stringValue?.isEmpty == false)

        // A rejected revision: counted by stage and reason, the failed revision beside the applied one.
        let bad = try world.commit(["providers.yaml": "version: 1\nproviders: {alpha: {name: A}}\n"])
        #expect(try world.cli(["agent", "once"]).status == 1)
        #expect(try world.cli(["agent", "once"]).status == 1)
        f = try families(file)
        let revisions = samples(f, "provider_sync_revision_info").map(\.labels)
        #expect(revisions.contains(.object(JSONObject([("revision", .string(good)), ("state", "applied")]))))
        #expect(revisions.contains(.object(JSONObject([("revision", .string(bad)), ("state", "failed")]))), "\(revisions)")
        let failures = samples(f, "provider_sync_cycle_failures")
        #expect(failures.count == 1 && failures[0].labels == .object(JSONObject([("stage", "validate"), ("reason", "specInvalid")]))
                && failures[0].value == 2, "\(failures)")
        #expect(samples(f, "provider_sync_consecutive_failures").first?.value == 2)
        #expect(samples(f, "provider_sync_last_applied_timestamp_seconds").first?.value == applied)
    }
}
