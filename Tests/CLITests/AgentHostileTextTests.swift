import Foundation
import JSONCore
import TestSupport
import Testing

/// The agent fed hostile text: a 1 MB line with an error in the team's spec, a server that
/// echoes part of the key or answers with escape codes, intervals that make no sense.
@Suite("agent: hostile text, caps and bounds", .needs(AgentTools.hasGit, "git"))
struct AgentHostileTextTests {
    @Test("a 1 MB line with an error: each log line within 4 KiB, the stored error within 16 KiB, status small")
    func hugeLineIsBounded() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let filler = String(repeating: "a", count: 1_000_000)
        try world.commit(["providers.yaml": "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000\n    models: [{id: \"\(filler)\", bad: 1}]\n"])
        try world.initAgent()
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 1, "\(once.stderr.prefix(2000))")
        let lines = once.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.utf8.count < 4096 }, "longest log line: \(lines.map(\.utf8.count).max() ?? 0) bytes")
        #expect(once.stderr.utf8.count < 20_000, "log of one cycle: \(once.stderr.utf8.count) bytes")
        let size = try FileManager.default.attributesOfItem(atPath: world.statusFile)[.size] as? Int ?? 0
        #expect(size < 20_000, "agent-status.json: \(size) bytes")
        let message = try world.status()["lastError"]?["message"]?.stringValue ?? ""
        #expect(message.contains("unknown property 'bad'"), "\(message.prefix(500))")
        #expect(message.utf8.count <= 16 * 1024)
    }

    @Test("a message past 16 KiB is cut in agent-status.json, saying how much was cut")
    func longMessageIsCut() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        // 400 errors of about 200 bytes each: the message lists them all, more than 16 KiB.
        let models = (0..<400).map { "      - {id: m\($0), bad\($0): 1}" }.joined(separator: "\n")
        try world.commit(["providers.yaml": "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000\n    models:\n\(models)\n"])
        try world.initAgent()
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 1)
        let message = try world.status()["lastError"]?["message"]?.stringValue ?? ""
        #expect(message.utf8.count <= 16 * 1024, "\(message.utf8.count) bytes")
        #expect(message.hasSuffix("bytes cut]"), "\(message.suffix(200))")
    }

    @Test("a part of the key echoed by a server is masked in agent-status.json, the log and agent status")
    func partialKeyEchoIsMasked() throws {
        let key = "sk-LEAKCANARY-0123456789"
        let fake = try FakeServer(["--key", "sk-the-right-one", "--echo-partial"])
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
        let status = try #require(fileText(world.statusFile))
        #expect(!status.contains("sk-LEAKC"), "\(status)")
        #expect(status.contains("Incorrect API key provided: ********...6789"), "\(status)")
        #expect(!once.stderr.contains("sk-LEAKC"))
        #expect(!(try world.cli(["agent", "status"]).stdout.contains("sk-LEAKC")))
    }

    @Test("escape codes from a server reach the log and agent status as visible escapes")
    func escapeCodesInStatus() throws {
        let fake = try FakeServer(["--hostile"])
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": """
            version: 1
            providers:
              evil:
                name: Evil
                url: http://127.0.0.1:\(fake.port)/v1
                models: [fake-small]

            """])
        try world.initAgent(url: world.fileURL, ["--health-check"])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0)
        #expect(once.stderr.contains("provider-unhealthy"), "\(once.stderr)")
        #expect(ProbeHostileServerTests.rawControls(once.stderr).isEmpty, "log: \(once.stderr.debugDescription)")
        let text = try world.cli(["agent", "status"])
        #expect(text.status == 0)
        #expect(ProbeHostileServerTests.rawControls(text.stdout).isEmpty, "\(text.stdout.debugDescription)")
        #expect(ProbeHostileServerTests.workflowCommands(text.stdout).isEmpty, "\(text.stdout)")
        #expect(text.stdout.contains("\\x1b[31m"), "\(text.stdout)")
    }

    @Test("intervals: below 1 s or above 24 h, or too large to hold, are errors at line:col; the variable lowers the floor")
    func intervalBounds() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let tooFast = try world.cli(["agent", "init", "--url", world.fileURL, "--interval", "1ms"])
        #expect(tooFast.status == 2)
        #expect(tooFast.stderr.contains("error: interval '1ms' is too short: at least 1s"), "\(tooFast.stderr)")
        #expect(fileText(world.agentConfig) == nil)

        let tooLong = try world.cli(["agent", "init", "--url", world.fileURL, "--drift-interval", "25h"])
        #expect(tooLong.status == 2)
        #expect(tooLong.stderr.contains("error: driftInterval '25h' is too long: at most 24h"), "\(tooLong.stderr)")

        try FileManager.default.createDirectory(atPath: world.configHome + "/provider-sync", withIntermediateDirectories: true)
        try "source:\n  url: \(world.fileURL)\ninterval: 99999999999999999999h\n".write(toFile: world.agentConfig, atomically: true, encoding: .utf8)
        let overflow = try world.cli(["agent", "once"])
        #expect(overflow.status == 2)
        #expect(overflow.stderr.contains("\(world.agentConfig):3:11: error: interval '99999999999999999999h' is too long"), "\(overflow.stderr)")

        world.extraEnvironment["PROVIDER_SYNC_MIN_INTERVAL_MS"] = "50"
        #expect(try world.cli(["agent", "init", "--url", world.fileURL, "--interval", "100ms", "--force"]).status == 0)
        world.extraEnvironment["PROVIDER_SYNC_MIN_INTERVAL_MS"] = nil
        let status = try world.cli(["agent", "status"]).stdout
        #expect(status.contains("config problem: \(world.agentConfig):"), "without the variable, 100ms is refused: \(status)")
    }

    @Test("service files quote by scalars: a quote or '&' with a combining mark, or a line break, cannot break out")
    func serviceFileQuoting() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let config = try sandbox.write("source:\n  url: file:///nowhere\n", to: "agent.yaml")
        let state = sandbox.root + "/s\"\u{301}\nExecStartPre=/bin/evil"
        let linux = try runProcess(CLI.binary, ["agent", "install", "--print", "--platform", "linux", "--config", config],
                                   environment: ["PATH": "/usr/bin:/bin", "HOME": sandbox.home, "XDG_STATE_HOME": state], folder: sandbox.work)
        #expect(linux.status == 0, "\(linux.stderr)")
        let unit = linux.stdout.split(separator: "\n")
        #expect(!unit.contains { $0.hasPrefix("ExecStartPre") }, "\(linux.stdout)")
        #expect(unit.contains { $0.hasPrefix("Environment=\"XDG_STATE_HOME=") && $0.contains("/s\\\"\u{301}\\x0aExecStartPre=/bin/evil\"") },
                "\(linux.stdout)")

        let home = sandbox.root + "/it\u{27}\u{301}s&\u{301}x"
        let macos = try runProcess(CLI.binary, ["agent", "install", "--print", "--platform", "macos", "--config", config],
                                   environment: ["PATH": "/usr/bin:/bin", "HOME": home], folder: sandbox.work)
        #expect(macos.status == 0, "\(macos.stderr)")
        #expect(macos.stdout.contains("/it'\u{301}s&amp;\u{301}x/Library/Logs/provider-sync-agent.log"), "\(macos.stdout)")
    }
}
