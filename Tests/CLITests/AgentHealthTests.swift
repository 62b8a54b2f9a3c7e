import Foundation
import JSONCore
import TestSupport
import Testing

/// agent.yaml `healthCheck: true`: the probe after each apply and on the drift interval.
@Suite("agent: provider health in status", .needs(AgentTools.hasGit, "git"))
struct AgentHealthTests {
    /// One provider served by the fake OpenAI server, one on a port nothing listens on.
    func spec(goodPort: Int, downPort: Int) -> String {
        """
        version: 1
        providers:
          good:
            name: Good
            url: http://127.0.0.1:\(goodPort)/v1
            models: [fake-small]
          down:
            name: Down
            url: http://127.0.0.1:\(downPort)/v1
            models: [m]

        """
    }

    @Test("a failing provider is reported in status and the log, and the apply stands; the drift interval checks again")
    func failingProviderDoesNotBlockTheApply() throws {
        let fake = try FakeServer()
        let world = try AgentWorld()
        defer { world.stop() }
        let revision = try world.commit(["providers.yaml": spec(goodPort: fake.port, downPort: closedPort())])
        try world.initAgent(url: world.fileURL, ["--health-check", "--drift-interval", "1s"])

        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(try providerIDs(world.sidecarPath) == ["good", "down"])
        #expect(once.stderr.contains("provider-unhealthy"), "\(once.stderr)")
        let status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(revision))
        let health = try #require(status["health"]?.objectValue, "\(status)")
        #expect(health["passed"] == .bool(false))
        #expect(health["revision"] == .string(revision))
        let providers = health["providers"]?.arrayValue ?? []
        #expect(providers.map { $0["id"]?.stringValue } == ["good", "down"])
        #expect(providers.first?["passed"] == .bool(true))
        #expect(providers.first?["failures"] == .array([]))
        let downFailures = providers.last?["failures"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(downFailures.first?.hasPrefix("reachable: TCP: connection to 127.0.0.1:") == true, "\(downFailures)")

        let text = try world.cli(["agent", "status"])
        #expect(text.stdout.contains("health: 1 of 2 failing"), "\(text.stdout)")
        #expect(text.stdout.contains("    down: reachable: TCP"), "\(text.stdout)")

        // Up to date, but the drift check is due: the providers are probed again.
        let checkedAt = health["checkedAt"]
        try world.waitForDriftCheckDue(interval: 1)
        let again = try world.cli(["agent", "once"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("up to date"))
        #expect(try world.status()["health"]?["checkedAt"] != checkedAt)
    }

    @Test("a key the server echoes in its 401 message is masked in status and the log")
    func echoedKeyIsMasked() throws {
        let key = "sk-wrong-key-echoed-7731"
        let fake = try FakeServer(["--key", "sk-the-right-one"])
        let world = try AgentWorld()
        defer { world.stop() }
        let keyFile = world.root + "/gateway.key"
        try key.write(toFile: keyFile, atomically: true, encoding: .utf8)
        try world.commit(["providers.yaml": """
            version: 1
            providers:
              gateway:
                name: Gateway
                url: http://127.0.0.1:\(fake.port)/v1
                apiKey: { file: \(keyFile) }
                models: [fake-small]

            """])
        try world.initAgent(url: world.fileURL, ["--health-check"])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        let failures = try world.status()["health"]?["providers"]?[0]?["failures"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(failures.first?.contains("Incorrect API key provided: ********") == true, "\(failures)")
        let status = try #require(fileText(world.statusFile))
        #expect(!status.contains(key))
        #expect(!once.stderr.contains(key))
        #expect(once.stderr.contains("provider-unhealthy"))
    }

    @Test("without provider-sync-probe the health check fails in the log and status keeps no health; the apply stands")
    func missingProbeProgramDoesNotFailTheCycle() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let revision = try world.commit(["providers.yaml": spec(goodPort: closedPort(), downPort: closedPort())])
        try world.initAgent(url: world.fileURL, ["--health-check"])
        let lonely = world.root + "/bin/provider-sync"
        try FileManager.default.createDirectory(atPath: world.root + "/bin", withIntermediateDirectories: true)
        try copyExecutable(CLI.binary, to: lonely)
        let once = try AgentCLIResult.run([lonely, "agent", "once"], environment: world.environment, folder: world.root, timeout: 60)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stderr.contains("health-check-failed"), "\(once.stderr)")
        #expect(once.stderr.contains("provider-sync-probe is not installed"))
        let status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(revision))
        #expect(status["health"] == .null)
    }

    @Test("without healthCheck nothing is probed")
    func offByDefault() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": spec(goodPort: closedPort(), downPort: closedPort())])
        try world.initAgent()
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(!once.stderr.contains("health"))
        #expect(try world.status()["health"] == .null)
    }
}
