import Foundation
import JSONCore
import TestSupport
import Testing

@Suite("agent: the git host down, back-off, credentials", .enabled(if: AgentTools.hasGit))
struct AgentNetworkTests {
    @Test("the server down: a clear error, exit 2, the error in status, nothing changed")
    func serverDown() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let daemon = try world.startGitDaemon()
        let good = try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: "git://127.0.0.1:\(daemon.port)/team.git")
        #expect(try world.cli(["agent", "once"]).status == 0)
        let before = snapshot(world.configHome + "/Openwork")

        daemon.stop()
        try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 2)
        #expect(once.stderr.contains("cannot reach git://127.0.0.1:\(daemon.port)/team.git"), "\(once.stderr)")
        #expect(once.stderr.contains(" error cycle-failed "))
        #expect(snapshot(world.configHome + "/Openwork") == before)
        let status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(good))
        #expect(status["lastAttemptedRevision"] == .string(good))
        #expect(status["lastError"]?["kind"] == "error")
        #expect(status["lastError"]?["stage"] == "fetch")
        #expect(status["lastError"]?["revision"] == .null)
        #expect(try world.cli(["agent", "status"]).stdout.contains("last error (fetch, at "))
    }

    @Test("agent run backs off while the server is down (gaps of about 2 s, 4 s at a 1 s interval), then recovers on SIGHUP")
    func backoff() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let port = closedPort()  // nothing listens here yet
        try world.initAgent(url: "git://127.0.0.1:\(port)/team.git", ["--interval", "1s"])
        let agent = try world.startAgent()
        let failures = try agent.waitForLog(15) { lines in lines.filter { $0.event == "cycle-failed" }.count >= 3 }
            .filter { $0.event == "cycle-failed" }
        let gaps = zip(failures.dropFirst(), failures).map { $0.time.timeIntervalSince($1.time) }
        // 2 s and 4 s, each +-10%, plus the time a cycle takes.
        #expect(gaps[0] > 1.7 && gaps[0] < 2.9, "\(gaps)")
        #expect(gaps[1] > 3.5 && gaps[1] < 5.0, "\(gaps)")
        let status = try world.status()
        #expect(status["consecutiveFailures"]?.intValue ?? 0 >= 3)
        #expect(status["running"] == true)
        let next = try #require(status["nextRunAt"]?.stringValue.flatMap { try? Date($0, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) })
        #expect(next.timeIntervalSince(failures[2].time) > 6.5, "the third failure waits about 8 s")

        // The server comes back: SIGHUP does not wait for the back-off.
        _ = try world.startGitDaemon(port: port)
        agent.signal(SIGHUP)
        try agent.waitForLog(10) { lines in lines.contains { $0.event == "revision-applied" } }
        #expect(try providerIDs(world.openworkPath) == ["alpha"])
        #expect(try world.status()["consecutiveFailures"] == 0)
        agent.signal(SIGTERM)
        #expect(agent.waitForExit(timeout: 5) == 0)
    }

    @Test("smart HTTP with Basic auth: a wrong token from the keychain is a clear error (exit 2), the right one applies; the token is never shown",
          .enabled(if: KeyringTools.available && AgentTools.hasPython))
    func credentials() throws {
        let keyring = try KeyringSandbox()
        defer { keyring.stop() }
        try keyring.startBus()
        try keyring.startKeyring()
        let world = try AgentWorld()
        defer { world.stop() }
        world.extraEnvironment["DBUS_SESSION_BUS_ADDRESS"] = keyring.busAddress
        let token = "tok-right-3f9a2c7e5d"
        let server = try world.startHTTPServer(username: "alice", token: token)
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let url = "http://127.0.0.1:\(server.port)/team.git"
        try world.initAgent(url: url, ["--token-keyring", "team-git", "--username", "alice"])

        // No token stored yet.
        let none = try world.cli(["agent", "once"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("the keychain holds no token named 'team-git'"), "\(none.stderr)")

        let wrong = "tok-wrong-8b1d4e6a0c"
        #expect(try world.cli(["secret", "set", "team-git"], stdin: wrong).status == 0)
        let refused = try world.cli(["agent", "once"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("authentication to \(url) failed"), "\(refused.stderr)")
        #expect(try world.status()["lastError"]?["stage"] == "fetch")
        #expect(fileText(world.openworkPath) == nil)

        #expect(try world.cli(["secret", "set", "team-git"], stdin: token).status == 0)
        let ok = try world.cli(["agent", "once"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try providerIDs(world.openworkPath) == ["alpha"])
        let everything = none.stderr + refused.stdout + refused.stderr + ok.stdout + ok.stderr
            + (fileText(world.statusFile) ?? "") + (try world.cli(["agent", "status"]).stdout)
        #expect(!everything.contains(token) && !everything.contains(wrong))
    }
}

extension AgentWorld {
    /// `provider-sync <arguments>` with `stdin`.
    func cli(_ arguments: [String], stdin: String) throws -> AgentCLIResult {
        try AgentCLIResult.run([CLI.binary] + arguments, environment: environment, folder: root, timeout: 60, stdin: stdin)
    }
}
