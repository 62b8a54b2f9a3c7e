import Foundation
import JSONCore
import TestSupport
import Testing

/// `agent run` with an app target: the app regenerating its opencode.json (before every task)
/// gets the spec's providers merged back at once, through inotify or the polling fallback.
@Suite("agent: the app's file followed", .needs(AgentTools.hasGit, "git"))
struct AgentAppFileTests {
    /// A world whose app (Accomplish) has written its file once, and an agent through its first apply.
    static func running(_ extra: [String: String] = [:]) throws -> (AgentWorld, AgentRun) {
        let world = try AgentWorld()
        for (key, value) in extra { world.extraEnvironment[key] = value }
        try TheApp.write(TheApp.config(marker: "start"), to: world.accomplishPath)
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL, ["--interval", "1h"])
        let agent = try world.startAgent()
        _ = try agent.waitForLog { $0.contains { $0.event == "revision-applied" } }
        return (world, agent)
    }

    /// The app starts `count` tasks; each time ours must be back in its file within `bound`.
    static func appRewrites(_ world: AgentWorld, count: Int, bound: Duration) throws {
        for task in 0..<count {
            try TheApp.write(TheApp.config(marker: "task \(task)"), to: world.accomplishPath)
            try waitUntil("alpha merged back after task \(task)", timeout: bound) {
                let text = fileText(world.accomplishPath) ?? ""
                return text.contains("(task \(task))") && (try? providerIDs(world.accomplishPath)) == ["custom", "alpha"]
            }
            #expect(try enabledProviders(world.accomplishPath).last == "alpha")
            #expect(try parsed(try #require(fileText(world.accomplishPath)))["model"] == "alpha/m-alpha")
        }
    }

    @Test("inotify: each rewrite by the app gets alpha back at once, quietly (one info line each, no drift)")
    func followedByInotify() throws {
        let (world, agent) = try Self.running()
        defer { world.stop() }
        #expect(agent.events("app-files-watched").first?.text.contains("mechanism=inotify") == true, "\(agent.log)")
        let sidecar = try #require(fileText(world.sidecarPath))
        try Self.appRewrites(world, count: 5, bound: .seconds(5))
        let remerged = try agent.waitForLog { $0.filter { $0.event == "app-file-remerged" }.count >= 5 }
            .filter { $0.event == "app-file-remerged" }
        #expect(remerged.allSatisfy { $0.text.contains(" info app-file-remerged ") && $0.text.contains(" ms=") })
        #expect(remerged.allSatisfy { $0.text.contains("path=\(world.accomplishPath)") })
        #expect(agent.events("drift-detected").isEmpty && agent.events("app-file-remerge-failed").isEmpty, "\(agent.log)")
        #expect(fileText(world.sidecarPath) == sidecar, "the sidecar is the app's to leave alone")
        let status = try world.status()
        #expect(status["drift"] == [], "\(status)")
        #expect(try world.cli(["agent", "status"]).stdout.contains("drift: none"))
    }

    @Test("polling (PROVIDER_SYNC_WATCH_POLL_MS) where inotify is not used: the same, within the interval")
    func followedByPolling() throws {
        let (world, agent) = try Self.running(["PROVIDER_SYNC_WATCH_POLL_MS": "50"])
        defer { world.stop() }
        #expect(agent.events("app-files-watched").first?.text.contains("mechanism=polling") == true, "\(agent.log)")
        try Self.appRewrites(world, count: 3, bound: .seconds(5))
    }

    @Test("an agent started with the revision already applied follows the app's file too; an app folder made later is watched")
    func restartedAgent() throws {
        let (world, agent) = try Self.running()
        defer { world.stop() }
        agent.signal(SIGTERM)
        #expect(agent.waitForExit(timeout: 10) == 0)
        let again = try world.startAgent()
        _ = try again.waitForLog { $0.contains { $0.event == "app-files-watched" } }
        try Self.appRewrites(world, count: 2, bound: .seconds(5))
        #expect(again.events("revision-applied").isEmpty, "nothing new to apply")

        // Openwork's folder appears (target app watches both apps' folders): not its target
        // until it exists at an apply, so its file is left alone, and nothing fails.
        try TheApp.write(TheApp.config(marker: "openwork"), to: world.openworkPath)
        usleep(1_500_000)
        #expect(again.events("app-file-remerge-failed").isEmpty, "\(again.log)")
    }

    @Test("agent once on the drift interval, onDrift report: the app's rewrite is merged back, not reported as drift")
    func driftCheckMergesQuietly() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try TheApp.write(TheApp.config(marker: "start"), to: world.accomplishPath)
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL, ["--drift-interval", "1s", "--on-drift", "report"])
        #expect(try world.cli(["agent", "once"]).status == 0)
        try TheApp.write(TheApp.config(marker: "task"), to: world.accomplishPath)
        try world.waitForDriftCheckDue(interval: 1)
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(!once.stderr.contains("drift-detected"), "\(once.stderr)")
        #expect(once.stderr.contains(" info refreshed "), "\(once.stderr)")
        #expect(try providerIDs(world.accomplishPath) == ["custom", "alpha"])
        #expect(fileText(world.accomplishPath)?.contains("(task)") == true)
        #expect(try world.status()["drift"] == [])
    }
}
