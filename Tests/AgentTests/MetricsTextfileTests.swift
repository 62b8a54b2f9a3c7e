@testable import Agent
import Foundation
import JSONCore
import TestSupport
import Testing

/// Label values that need escaping, read back by Prometheus' own parser.
@Suite("agent: metrics label values escaped", .needs(PrometheusTextParser.isInstalled, "prometheus-client's parser (its test venv)"))
struct MetricsTextfileTests {
    @Test("a provider id with a quote, a backslash and a line feed reads back as written; HELP and TYPE for every family")
    func escaping() throws {
        var status = AgentStatus()
        let odd = "team \"a\"\\b\nc"
        status.health = HealthRecord(checkedAt: Date(timeIntervalSince1970: 1_700_000_000), revision: "abc", passed: false,
                                     providers: [.init(id: odd, passed: false, failures: ["models: 500"]),
                                                 .init(id: "ok", passed: true, failures: [])])
        status.countFailure(stage: "fetch", reason: "sourceUnreachable")
        status.countFailure(stage: "fetch", reason: "sourceUnreachable")
        let text = MetricsTextfile.text(status, version: "1.2.3 \"beta\"")
        let folder = try TemporaryFolder(prefix: "provider-sync-metrics")
        defer { folder.remove() }
        let file = folder("m.prom")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let families = try JSONParser.value(try PrometheusTextParser.families(of: file)).arrayValue ?? []
        #expect(families.count == MetricsTextfile.families(status, version: "").count)
        #expect(families.allSatisfy { $0["help"]?.stringValue?.isEmpty == false })
        let up = try #require(families.first { $0["name"] == "provider_sync_provider_up" }?["samples"]?.arrayValue)
        #expect(up.map { $0["labels"]?["provider"] } == [.string(odd), "ok"])
        #expect(up.map { $0["value"] } == [0, 1])
        let failures = try #require(families.first { $0["name"] == "provider_sync_cycle_failures" }?["samples"]?.arrayValue)
        #expect(failures.first?["value"] == 2 && failures.first?["labels"]?["reason"] == "sourceUnreachable")
        let build = families.first { $0["name"] == "provider_sync_build_info" }?["samples"]?.arrayValue?.first
        #expect(build?["labels"]?["version"] == "1.2.3 \"beta\"")
    }
}
