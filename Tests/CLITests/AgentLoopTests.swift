import Foundation
import JSONCore
import TestSupport
import Testing

@Suite("agent run: one per user, signals, pause", .needs(AgentTools.hasGit, "git"))
struct AgentLoopTests {
    /// A world whose branch has one commit, an agent.yaml with `interval`, and `agent run`
    /// started and through its first apply.
    static func running(interval: String = "1h", _ extra: [String] = []) throws -> (AgentWorld, AgentRun, String) {
        let world = try AgentWorld()
        let first = try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL, ["--interval", interval] + extra)
        let agent = try world.startAgent()
        try agent.waitForLog { $0.contains { $0.event == "revision-applied" } }
        return (world, agent, first)
    }

    @Test("two agents: the second exits 2 naming the first's pid; agent once and reconcile know it too")
    func twoAgents() throws {
        let (world, agent, _) = try Self.running()
        defer { world.stop() }
        let second = try world.cli(["agent", "run"], timeout: 20)
        #expect(second.status == 2)
        #expect(second.stderr.contains("another provider-sync agent is running (pid \(agent.pid))"), "\(second.stderr)")
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 2)
        #expect(once.stderr.contains("pid \(agent.pid)"))
        let status = try world.status()
        #expect(status["running"] == true)
        #expect(status["pid"] == .number(Double(agent.pid)))
        #expect(try world.cli(["agent", "status"]).stdout.hasPrefix("agent: running (pid \(agent.pid))\n"))
        #expect(agent.exited() == nil, "the first agent runs on")
    }

    @Test("SIGHUP runs a cycle at once; agent reconcile --wait sends it and reports the outcome")
    func sighup() throws {
        let (world, agent, _) = try Self.running()
        defer { world.stop() }
        let second = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])])
        agent.signal(SIGHUP)
        try agent.waitForLog(10) { lines in lines.contains { $0.event == "revision-applied" && $0.text.contains(String(second.prefix(12))) } }
        #expect(agent.events("reconcile-requested").count == 1)
        #expect(try providerIDs(world.sidecarPath) == ["alpha", "beta"])

        let third = try world.commit(["providers.yaml": agentSpec(["alpha", "beta", "gamma"])])
        let reconcile = try world.cli(["agent", "reconcile", "--wait", "--timeout", "20"])
        #expect(reconcile.status == 0, "\(reconcile.stderr)")
        #expect(reconcile.stdout.contains("asked the agent (pid \(agent.pid)) to reconcile now"))
        #expect(reconcile.stdout.contains("applied revision: \(third.prefix(12))"))
        #expect(try providerIDs(world.sidecarPath) == ["alpha", "beta", "gamma"])

        // A rejected commit: reconcile --wait exits as `agent once` would.
        try world.commit(["providers.yaml": "version: 1\nproviders: {alpha: {name: A}}\n"])
        #expect(try world.cli(["agent", "reconcile", "--wait", "--timeout", "20"]).status == 1)
    }

    @Test("SIGTERM while waiting: exit 0 within a second; the status says it no longer runs")
    func sigtermWhileWaiting() throws {
        let (world, agent, _) = try Self.running()
        defer { world.stop() }
        try agent.waitForLog { $0.contains { $0.event == "waiting" } }
        let start = Date()
        agent.signal(SIGTERM)
        let status = agent.waitForExit(timeout: 5)
        #expect(status == 0)
        #expect(Date().timeIntervalSince(start) < 1.0)
        #expect(agent.events("agent-stopped").first?.text.contains("signal=SIGTERM") == true)
        let report = try world.status()
        #expect(report["running"] == false)
        #expect(report["pid"] == .null)
        #expect(try world.cli(["agent", "status"]).stdout.hasPrefix("agent: not running\n"))
        // The lock went with it: a new agent starts.
        let next = try world.startAgent()
        try next.waitForLog { $0.contains { $0.event == "agent-started" } }
    }

    @Test("SIGTERM while a commit is being written: the write is finished, exit 0, the file whole, no temporary file",
          .needs(FolderWatch.isAvailable, "inotify"))
    func sigtermWhileWriting() throws {
        let (world, agent, _) = try Self.running()
        defer { world.stop() }
        let folder = world.configHome + "/Accomplish/opencode"
        let watch = try FolderWatch([folder])
        let ids = (0..<400).map { "p\($0)" }
        let big = try world.commit(["providers.yaml": agentSpec(ids)], message: "400 providers")
        watch.drain()
        agent.signal(SIGHUP)
        // The writer's temporary file appearing is the write under way: stop the agent right then.
        #expect(watch.waitForCreation(timeout: .seconds(20)))
        agent.signal(SIGTERM)
        #expect(agent.waitForExit(timeout: 10) == 0, "\(agent.log)")
        #expect(try providerIDs(world.sidecarPath) == ids)
        #expect(temporaryFiles(under: folder).isEmpty)
        #expect(try world.status()["lastAppliedRevision"] == .string(big))
        #expect(agent.events("agent-stopped").count == 1)
    }

    @Test("pause: a paused agent polls nothing and applies nothing, the status shows why; resume applies at once")
    func pause() throws {
        let (world, agent, first) = try Self.running(interval: "1s")
        defer { world.stop() }
        let paused = try world.cli(["agent", "pause", "--reason", "release freeze"])
        #expect(paused.status == 0)
        #expect(paused.stdout.contains("agent pid \(agent.pid) told"))
        try agent.waitForLog(10) { $0.contains { $0.event == "paused" } }
        let polls = agent.events("polled").count + agent.events("fetched").count
        try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])])
        // Two more cycles at the 1 s interval, each of them paused.
        let cycles = agent.events("paused").count
        try agent.waitForLog(10) { lines in lines.filter { $0.event == "paused" }.count >= cycles + 2 }
        #expect(agent.events("polled").count + agent.events("fetched").count == polls, "a paused agent polls nothing")
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
        let status = try world.status()
        #expect(status["paused"] == true)
        #expect(status["pauseReason"] == "release freeze")
        #expect(status["lastAppliedRevision"] == .string(first))
        #expect(try world.cli(["agent", "status"]).stdout.contains("paused: yes since "))
        #expect(try world.cli(["agent", "status"]).stdout.contains("(release freeze)"))
        // agent once respects the pause too (from another shell, with no agent running it would say the same).

        let resumed = try world.cli(["agent", "resume"])
        #expect(resumed.stdout.hasPrefix("resumed"))
        try agent.waitForLog(10) { $0.contains { $0.event == "revision-applied" && !$0.text.contains(String(first.prefix(12))) } }
        #expect(try providerIDs(world.sidecarPath) == ["alpha", "beta"])
        #expect(try world.status()["paused"] == false)
    }

    @Test("agent once while paused does nothing and says so")
    func oncePaused() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL)
        #expect(try world.cli(["agent", "pause"]).status == 0)
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0)
        #expect(once.stdout == "paused (no reason given); nothing done\n")
        #expect(fileText(world.sidecarPath) == nil)
        #expect(try world.cli(["agent", "resume"]).status == 0)
        #expect(try world.cli(["agent", "once"]).stdout.hasPrefix("applied "))
    }
}
