import Foundation
import JSONCore
import TestSupport
import Testing

@Suite("agent: the git host down, back-off, credentials", .needs(AgentTools.hasGit, "git"))
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
        #expect(once.stderr.contains("reason=sourceUnreachable"), "\(once.stderr)")
        #expect(snapshot(world.configHome + "/Openwork") == before)
        let status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(good))
        #expect(status["lastAttemptedRevision"] == .string(good))
        #expect(status["lastError"]?["kind"] == "error")
        #expect(status["lastError"]?["stage"] == "fetch")
        #expect(status["lastError"]?["reason"] == "sourceUnreachable")
        #expect(status["lastError"]?["revision"] == .null)
        #expect(try world.cli(["agent", "status"]).stdout.contains("last error (fetch, at "))
    }

    @Test("agent run backs off while the server is down (waits of about 2 s, then 4 s at a 1 s interval), then recovers on SIGHUP")
    func backoff() throws {
        // The schedule's rules are AgentLoopRulesTests'; this is the same through the binary.
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let port = closedPort()  // nothing listens here yet
        try world.initAgent(url: "git://127.0.0.1:\(port)/team.git", ["--interval", "1s"])
        let agent = try world.startAgent()
        // Two failures, and the wait the loop chose after the second (logged once as an error,
        // then as a debug line: the same failure again).
        let failed: (AgentLogLine) -> Bool = { $0.event == "cycle-failed" || $0.event == "failure-repeated" }
        let lines = try agent.waitForLog(15) { lines in
            guard let second = lines.indices.filter({ failed(lines[$0]) }).dropFirst().first else { return false }
            return lines[second...].contains { $0.event == "waiting" }
        }
        let failures = lines.filter(failed)
        #expect(failures.map(\.event) == ["cycle-failed", "failure-repeated"])
        let waiting = try #require(lines.last { $0.event == "waiting" })
        let until = try #require(agentTime(waiting.text.split(separator: " ").first { $0.hasPrefix("until=") }.map { String($0.dropFirst(6)) }))
        // 2 s and 4 s, each +-10%, plus the time a cycle takes.
        let gap = failures[1].time.timeIntervalSince(failures[0].time)
        #expect(gap > 1.7 && gap < 2.9, "\(gap)")
        #expect(until.timeIntervalSince(failures[1].time) > 3.5 && until.timeIntervalSince(failures[1].time) < 4.8, "\(waiting.text)")
        #expect(waiting.text.contains("errors=2"))
        let status = try world.status()
        #expect(status["consecutiveFailures"]?.intValue ?? 0 >= 2)
        #expect(status["running"] == true)

        // The server comes back: SIGHUP does not wait for the back-off.
        _ = try world.startGitDaemon(port: port)
        agent.signal(SIGHUP)
        try agent.waitForLog(10) { lines in lines.contains { $0.event == "revision-applied" } }
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
        #expect(try world.status()["consecutiveFailures"] == 0)
        agent.signal(SIGTERM)
        #expect(agent.waitForExit(timeout: 5) == 0)
    }

    @Test("smart HTTP with Basic auth: a wrong token from the keychain is a clear error (exit 2), the right one applies; the token is never shown",
          .needs(KeyringTools.available && AgentTools.hasPython, "dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool, python3"))
    func credentials() throws {
        let keyring = try KeyringSandbox.unlocked()
        defer { keyring.stop() }
        let world = try AgentWorld()
        defer { world.stop() }
        world.useKeyring(keyring)
        let token = "tok-right-3f9a2c7e5d"
        let server = try world.startHTTPServer(username: "alice", token: token)
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let url = "http://127.0.0.1:\(server.port)/team.git"
        try world.initAgent(url: url, ["--token-keyring", "team-git", "--username", "alice"])

        // No token stored yet.
        let none = try world.cli(["agent", "once"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("the keychain holds no token named 'team-git'"), "\(none.stderr)")
        #expect(try world.status()["lastError"]?["reason"] == "tokenMissing")

        let wrong = "tok-wrong-8b1d4e6a0c"
        #expect(try world.cli(["secret", "set", "team-git"], stdin: wrong).status == 0)
        let refused = try world.cli(["agent", "once"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("authentication to \(url) failed"), "\(refused.stderr)")
        #expect(try world.status()["lastError"]?["stage"] == "fetch")
        #expect(try world.status()["lastError"]?["reason"] == "authenticationFailed")
        #expect(fileText(world.sidecarPath) == nil)

        #expect(try world.cli(["secret", "set", "team-git"], stdin: token).status == 0)
        let ok = try world.cli(["agent", "once"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
        let everything = none.stderr + refused.stdout + refused.stderr + ok.stdout + ok.stderr
            + (fileText(world.statusFile) ?? "") + (try world.cli(["agent", "status"]).stdout)
        #expect(!everything.contains(token) && !everything.contains(wrong))
    }
}
