#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import Testing

/// The host name as gethostname gives it, as the status documents name it.
func thisHostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    _ = gethostname(&buffer, buffer.count - 1)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `status --format json` and `agent status --format json` are one object each, a contract
/// (README, "The status documents"): formatVersion, host, version first, then their fields.
@Suite("status: the JSON envelope")
struct StatusEnvelopeTests {
    /// The version `provider-sync --version` prints.
    func toolVersion(_ run: (([String]) throws -> String)) throws -> String {
        try run(["--version"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("status: one object with formatVersion 1, the host, the version, the targets; agent null without an agent")
    func status() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(specText([alphaProvider]), to: "team.yaml")
        #expect(try box.run(["apply", spec], extra: ["ALPHA_KEY": "sk-alpha"]).status == 0)
        let r = try box.run(["status", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try parsed(r.stdout, options: .json)
        #expect(json.objectValue?.keys == ["formatVersion", "host", "version", "targets", "agent"])
        #expect(json["formatVersion"] == .number(1))
        #expect(json["host"] == .string(thisHostName()))
        #expect(json["version"] == .string(try toolVersion { try box.run($0).stdout }))
        let targets = try #require(json["targets"]?.arrayValue)
        // The default target, app, is Accomplish's folder when no app folder exists: its sidecar first.
        #expect(targets.first?["target"] == .string("accomplish") && targets.first?["role"] == .string("sidecar"), "\(targets)")
        #expect(targets.allSatisfy { $0["target"] == .string("accomplish") }, "\(targets)")
        #expect(json["agent"] == .null)
    }

    @Test("agent status: one object with formatVersion, host and version before the agent's fields; status nests the same fields under agent")
    func agentStatus() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent()
        #expect(try world.cli(["agent", "once"]).status == 0)
        let json = try world.status()
        #expect(Array(json.objectValue?.keys.prefix(3) ?? []) == ["formatVersion", "host", "version"])
        #expect(json["formatVersion"] == .number(1) && json["host"] == .string(thisHostName()))
        #expect(json["version"] == .string(try world.cli(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(json["configured"] == .bool(true) && json["lastAppliedRevision"]?.stringValue?.count == 40)
        #expect(json["systemConfig"] == .null && json["settings"]?.arrayValue?.isEmpty == false)

        let status = try parsed(try world.cli(["status", "--format", "json"]).stdout, options: .json)
        #expect(status["formatVersion"] == .number(1))
        let agent = try #require(status["agent"]?.objectValue)
        #expect(agent["formatVersion"] == nil, "the envelope once, at the top")
        #expect(agent["lastAppliedRevision"] == json["lastAppliedRevision"] && agent["configured"] == .bool(true))
    }
}
