import Foundation
import JSONCore
import TestSupport
import Testing

/// `notify.webhook`: events POSTed by `provider-sync-probe notify`, started by the agent and
/// left to run, to a real HTTP server on 127.0.0.1 that records every request.
@Suite("agent: webhook events", .needs(AgentTools.hasGit && AgentTools.hasPython, "git, python3"))
struct AgentWebhookTests {
    static let token = "Bearer hook-token-7f3a9c0d51e2b846"

    /// The receiver: the first `fail` requests answered 503; while `hold` exists, requests wait.
    func startReceiver(_ world: AgentWorld, fail: Int, hold: String? = nil) throws -> (server: AgentServer, log: String) {
        let script = world.root + "/webhook.py", log = world.root + "/webhook-requests.log"
        try WebhookServerScript.text.write(toFile: script, atomically: true, encoding: .utf8)
        let port = closedPort()
        let server = try AgentServer([AgentTools.find("python3")!, script, String(port), log, String(fail)] + (hold.map { [$0] } ?? []),
                                     port: port, logPath: world.root + "/webhook.log", environment: world.environment)
        return (server, log)
    }

    func requests(_ log: String) throws -> [JSONValue] {
        try (fileText(log) ?? "").split(separator: "\n").map { try JSONParser.value(String($0)) }
    }

    /// agent.yaml with the webhook: a header from a variable, one written out.
    func configure(_ world: AgentWorld, port: Int) throws {
        try world.initAgent()
        let text = try #require(fileText(world.agentConfig))
        try (text + """
            notify:
              webhook:
                url: http://127.0.0.1:\(port)/hooks/T0/secret-path
                headers:
                  Authorization: { env: HOOK_TOKEN }
                  X-Team: llm
            """).write(toFile: world.agentConfig, atomically: true, encoding: .utf8)
        world.extraEnvironment["HOOK_TOKEN"] = Self.token
        world.extraEnvironment["PROVIDER_SYNC_NOTIFY_RETRY_MS"] = "50"
    }

    @Test("an applied revision: the event POSTed with its headers, retried after two 503s; no secret in the output, the log or the status")
    func appliedWithRetries() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let receiver = try startReceiver(world, fail: 2)
        let revision = try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try configure(world, port: receiver.server.port)
        let once = try world.cli(["agent", "once", "--log-level", "debug"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stderr.contains(" notification-started "), "\(once.stderr)")

        try waitUntil("three requests", timeout: .seconds(30)) { try requests(receiver.log).count >= 3 }
        let seen = try requests(receiver.log)
        #expect(seen.count == 3 && seen.map { $0["status"] } == [503, 503, 200])
        #expect(seen.allSatisfy { $0["path"] == "/hooks/T0/secret-path" && $0["body"] == seen[0]["body"] })
        let headers = try #require(seen.last?["headers"])
        #expect(headers["Authorization"] == .string(Self.token) && headers["X-Team"] == "llm")
        #expect(headers["Content-Type"]?.stringValue?.hasPrefix("application/json") == true, "\(headers)")
        #expect(headers["User-Agent"]?.stringValue?.hasPrefix("provider-sync/") == true)

        let event = try JSONParser.value(try #require(seen.last?["body"]?.stringValue))
        #expect(event.objectValue?.keys == ["event", "revision", "host", "user", "version", "reason", "time"])
        #expect(event["event"] == "applied" && event["revision"] == .string(revision) && event["reason"] == .null)
        #expect(event["host"] == .string(thisHostName()) && event["user"]?.stringValue?.isEmpty == false)
        #expect(event["version"] == .string(try world.cli(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(agentTime(event["time"]?.stringValue) != nil, "\(event)")

        // Neither the token nor the URL's secret path anywhere the agent writes.
        let statusText = fileText(world.statusFile) ?? ""
        let statusJSON = try world.cli(["agent", "status", "--format", "json"]).stdout
        for text in [once.stdout, once.stderr, statusText, statusJSON, try world.cli(["agent", "status"]).stdout] {
            #expect(!text.contains("hook-token-7f3a9c0d51e2b846") && !text.contains("secret-path"), "\(text)")
        }
        #expect(statusJSON.contains("http://127.0.0.1:\(receiver.server.port)"), "the webhook's origin is shown")
    }

    @Test("a webhook that hangs does not hold up the cycle; a rejected revision is announced once, with its reason")
    func neverBlocks() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let hold = world.root + "/hold"
        let receiver = try startReceiver(world, fail: 0, hold: hold)
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try configure(world, port: receiver.server.port)
        #expect(try world.cli(["agent", "once"]).status == 0)
        try waitUntil("the applied event", timeout: .seconds(30)) { try requests(receiver.log).count == 1 }

        #expect(FileManager.default.createFile(atPath: hold, contents: nil))
        let bad = try world.commit(["providers.yaml": "version: 1\nproviders: {alpha: {name: A}}\n"])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 1)
        // The cycle ended while the receiver still holds the request: nothing recorded yet.
        #expect(try requests(receiver.log).count == 1)
        try FileManager.default.removeItem(atPath: hold)
        try waitUntil("the rejected event", timeout: .seconds(30)) { try requests(receiver.log).count >= 2 }
        let event = try JSONParser.value(try #require(try requests(receiver.log)[1]["body"]?.stringValue))
        #expect(event["event"] == "rejected" && event["revision"] == .string(bad) && event["reason"] == "specInvalid")

        // The same revision failing the same way again: no second event.
        #expect(try world.cli(["agent", "once"]).status == 1)
        Thread.sleep(forTimeInterval: 1)  // a delivery would arrive within milliseconds; none must
        #expect(try requests(receiver.log).count == 2)
    }

    @Test("a header from the keychain ({ keyring: NAME }): missing, no request and a warning naming the header; set, the request carries it; never shown",
          .needs(KeyringTools.available, "dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool"))
    func headerFromKeychain() throws {
        let keyring = try KeyringSandbox.unlocked()
        defer { keyring.stop() }
        let world = try AgentWorld()
        defer { world.stop() }
        world.useKeyring(keyring)
        let receiver = try startReceiver(world, fail: 0)
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent()
        let config = try #require(fileText(world.agentConfig))
        try (config + """
            notify:
              webhook:
                url: http://127.0.0.1:\(receiver.server.port)/hooks/keyring
                headers:
                  Authorization: { keyring: hook-token }
            """).write(toFile: world.agentConfig, atomically: true, encoding: .utf8)

        // Applying does not wait on the webhook: the revision is applied, the event is not sent.
        let missing = try world.cli(["agent", "once"])
        #expect(missing.status == 0, "\(missing.stderr)")
        #expect(missing.stderr.contains("notification-failed") && missing.stderr.contains("the header Authorization has no value"),
                "\(missing.stderr)")
        #expect(missing.stderr.contains("hook-token"), "the reason names the keyring entry: \(missing.stderr)")
        // Nothing was started, so nothing can arrive later.
        #expect(try requests(receiver.log).isEmpty)

        let token = "Bearer kr-token-5d8e1f0a9b7c"
        #expect(try world.cli(["secret", "set", "hook-token"], stdin: token).status == 0)
        let revision = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])])
        let sent = try world.cli(["agent", "once"])
        #expect(sent.status == 0, "\(sent.stderr)")
        try waitUntil("the applied event", timeout: .seconds(30)) { try requests(receiver.log).count >= 1 }
        let request = try #require(try requests(receiver.log).first)
        #expect(request["headers"]?["Authorization"] == .string(token))
        let event = try JSONParser.value(try #require(request["body"]?.stringValue))
        #expect(event["event"] == "applied" && event["revision"] == .string(revision))

        let shown = missing.stdout + missing.stderr + sent.stdout + sent.stderr + (fileText(world.statusFile) ?? "")
            + (try world.cli(["agent", "status"]).stdout) + (try world.cli(["agent", "status", "--format", "json"]).stdout)
        #expect(!shown.contains("kr-token-5d8e1f0a9b7c"))
    }

    @Test("agent run against a webhook that holds every request: four deliveries under way at most; a fifth event is dropped with a warning, and applying goes on")
    func fourInFlight() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let hold = world.root + "/hold"
        #expect(FileManager.default.createFile(atPath: hold, contents: nil))
        let receiver = try startReceiver(world, fail: 0, hold: hold)
        var revisions = [try world.commit(["providers.yaml": agentSpec(["alpha"])])]
        try configure(world, port: receiver.server.port)
        let agent = try world.startAgent()
        defer { try? FileManager.default.removeItem(atPath: hold) }
        try agent.waitForLog { $0.contains { $0.event == "revision-applied" } }

        // Four more revisions, each applied by a cycle of its own while every delivery hangs
        // (each attempt waits 5 s for an answer, so the first stays under way for 20 s).
        for name in ["beta", "gamma", "delta", "epsilon"] {
            revisions.append(try world.commit(["providers.yaml": agentSpec(["alpha", name])]))
            let reconcile = try world.cli(["agent", "reconcile", "--wait", "--timeout", "20"])
            #expect(reconcile.status == 0, "\(reconcile.stderr)")
        }
        #expect(agent.events("revision-applied").count == 5)
        #expect(try providerIDs(world.sidecarPath) == ["alpha", "epsilon"])
        let dropped = agent.events("notification-failed")
        #expect(dropped.count == 1 && dropped.first?.text.contains("4 deliveries are still under way; this event is dropped") == true,
                "\(dropped.map(\.text))")

        // Released, the four deliveries arrive (their timed-out attempts too); the fifth never does.
        try FileManager.default.removeItem(atPath: hold)
        func delivered() throws -> Set<String> {
            Set(try requests(receiver.log).compactMap { request in
                request["body"]?.stringValue.flatMap { try? JSONParser.value($0) }?["revision"]?.stringValue
            })
        }
        try waitUntil("four revisions announced", timeout: .seconds(60)) { try delivered().count >= 4 }
        Thread.sleep(forTimeInterval: 1)  // a fifth would have been sent with the others; none must come
        #expect(try delivered() == Set(revisions.prefix(4)))
    }

    @Test("provider-sync-probe notify: the delivery on stdin, 1 + 3 attempts against a server that keeps failing, exit 1; nothing secret printed")
    func probeNotify() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let receiver = try startReceiver(world, fail: 100)
        let probe = (CLI.binary as NSString).deletingLastPathComponent + "/provider-sync-probe"
        let request = """
            {"url": "http://127.0.0.1:\(receiver.server.port)/hooks/secret-path", "headers": [{"name": "Authorization", "value": "\(Self.token)"}],
             "body": "{\\"event\\":\\"applied\\"}", "retryDelaysMilliseconds": [10, 20, 30], "timeoutMilliseconds": 5000}
            """
        let r = try AgentCLIResult.run([probe, "notify"], environment: world.environment, folder: world.root, timeout: 60, stdin: request)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let result = try JSONParser.value(r.stdout)
        #expect(result["delivered"] == false && result["attempts"] == 4 && result["status"] == 503, "\(r.stdout)")
        #expect(!(r.stdout + r.stderr).contains("hook-token") && !(r.stdout + r.stderr).contains("secret-path"))
        #expect(try requests(receiver.log).count == 4)

        let garbage = try AgentCLIResult.run([probe, "notify"], environment: world.environment, folder: world.root, timeout: 60,
                                             stdin: "not json")
        #expect(garbage.status == 2 && garbage.stderr.contains("standard input is not a webhook delivery"), "\(garbage.stderr)")
    }
}
