import Foundation
import JSONCore
import TestSupport
import Testing

/// The administrator's agent.yaml read under each user's own: found in the first
/// `$XDG_CONFIG_DIRS` folder that has `provider-sync/agent.yaml`, here folders in the test's
/// temporary root (never the real /etc).
@Suite("agent: system-wide agent.yaml under the user's", .needs(AgentTools.hasGit, "git"))
struct AgentSystemConfigTests {
    /// XDG_CONFIG_DIRS with a first folder that has no agent.yaml, then the one that does;
    /// returns the system file's path.
    @discardableResult
    func systemConfig(_ world: AgentWorld, _ text: String) throws -> String {
        let empty = world.root + "/xdg-empty", system = world.root + "/xdg-system"
        try FileManager.default.createDirectory(atPath: empty + "/provider-sync", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: system + "/provider-sync", withIntermediateDirectories: true)
        world.extraEnvironment["XDG_CONFIG_DIRS"] = "\(empty):\(system)"
        let file = system + "/provider-sync/agent.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func userConfig(_ world: AgentWorld, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: world.configHome + "/provider-sync", withIntermediateDirectories: true)
        try text.write(toFile: world.agentConfig, atomically: true, encoding: .utf8)
    }

    /// `agent status --format json`'s settings by name: (value, file).
    func settings(_ status: JSONValue) -> [String: (value: JSONValue, file: JSONValue)] {
        var out: [String: (value: JSONValue, file: JSONValue)] = [:]
        for s in status["settings"]?.arrayValue ?? [] {
            if let name = s["name"]?.stringValue { out[name] = (s["value"] ?? .null, s["file"] ?? .null) }
        }
        return out
    }

    @Test("the user's keys win, lists are replaced, the rest comes from the system file; status says which file set what")
    func precedence() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let revision = try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let system = try systemConfig(world, """
            source:
              url: \(world.fileURL)
              branch: main
            interval: 10m
            targets: [opencode, openwork]
            onDrift: report
            """)
        // agent init without --url: the repository is left to the administrator's file.
        let initialized = try world.cli(["agent", "init", "--interval", "2m", "--target", "openwork"])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let written = try #require(fileText(world.agentConfig))
        #expect(written.contains("# url: set for every user in the system-wide agent.yaml") && !written.contains("\n  url:"), "\(written)")

        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stdout == "applied \(revision.prefix(12))\n")
        #expect(try providerIDs(world.openworkSidecarPath) == ["alpha"])
        #expect(!FileManager.default.fileExists(atPath: world.home + "/.config/opencode/opencode.json")
                && !FileManager.default.fileExists(atPath: world.configHome + "/opencode/opencode.json"),
                "the user's targets replace the administrator's list")

        let status = try world.status()
        #expect(status["systemConfig"] == .string(system) && status["config"] == .string(world.agentConfig))
        let s = settings(status)
        #expect(s["source.url"]?.value == .string(world.fileURL) && s["source.url"]?.file == .string(system))
        #expect(s["source.branch"]?.value == "main" && s["source.branch"]?.file == .string(system))
        #expect(s["interval"]?.value == "2m" && s["interval"]?.file == .string(world.agentConfig))
        #expect(s["targets"]?.value == ["openwork"] && s["targets"]?.file == .string(world.agentConfig))
        #expect(s["onDrift"]?.value == "report" && s["onDrift"]?.file == .string(system))
        #expect(s["driftInterval"]?.value == "30m" && s["driftInterval"]?.file == .null, "a default names no file")
        #expect(s["notify.webhook"]?.value == .null)

        let text = try world.cli(["agent", "status"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("config: \(world.agentConfig) over \(system)\n"), "\(text.stdout)")
        #expect(text.stdout.contains("    source.url: \(world.fileURL) (\(system))\n"), "\(text.stdout)")
        #expect(text.stdout.contains("    interval: 2m (\(world.agentConfig))\n"))
        #expect(text.stdout.contains("    targets: [\"openwork\"] (\(world.agentConfig))\n"), "\(text.stdout)")
        #expect(text.stdout.contains("    driftInterval: 30m (default)\n"))
    }

    @Test("no agent.yaml of the user's own: the system file alone configures the agent")
    func systemAlone() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let revision = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])])
        let system = try systemConfig(world, "source:\n  url: \(world.fileURL)\n")
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stdout == "applied \(revision.prefix(12))\n")
        let status = try world.status()
        #expect(status["configured"] == .bool(true) && status["systemConfig"] == .string(system))
        #expect(settings(status)["source.url"]?.file == .string(system))
    }

    @Test("a mistake in either file: file:line:col of that file, exit 2, nothing applied")
    func diagnostics() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let system = try systemConfig(world, "source:\n  url: \(world.fileURL)\nintervall: 5m\n")
        try userConfig(world, "interval: 5m\n")
        let r = try world.cli(["agent", "once"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(system):3:1: error: unknown property 'intervall'"), "\(r.stderr)")
        #expect(r.stderr.contains("\(world.agentConfig) over \(system) is not valid"), "\(r.stderr)")
        #expect(fileText(world.openworkSidecarPath) == nil && fileText(world.sidecarPath) == nil)

        // The system file right, the user's wrong: the user's file is named.
        try systemConfig(world, "source:\n  url: \(world.fileURL)\n")
        try userConfig(world, "interval: 5m\nsource:\n  branhc: main\n")
        let user = try world.cli(["agent", "once"])
        #expect(user.status == 2)
        #expect(user.stderr.contains("\(world.agentConfig):3:3: error: unknown property 'branhc'"), "\(user.stderr)")
        #expect(fileText(world.openworkSidecarPath) == nil && fileText(world.sidecarPath) == nil)

        // Neither sets the repository: the merged configuration lacks it, said once.
        try systemConfig(world, "interval: 10m\n")
        try userConfig(world, "onDrift: report\n")
        let missing = try world.cli(["agent", "once"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing required property 'source'"), "\(missing.stderr)")
        #expect(missing.stderr.contains("set it here, or for every user in \(system)"), "\(missing.stderr)")
    }

    @Test("source.auth is replaced whole: the user's sshKey does not sit next to the administrator's keyring")
    func nestedReplaced() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let system = try systemConfig(world, """
            source:
              url: https://git.example.com/team/llm.git
              auth: { keyring: team-token, username: bot }
            """)
        try userConfig(world, "source:\n  url: ssh://git@git.example.com/team/llm.git\n  auth: { sshAgent: true }\n")
        let status = try world.status()
        let s = settings(status)
        #expect(s["source.auth"]?.value == .object(JSONObject([("sshAgent", .bool(true))])), "\(status)")
        #expect(s["source.auth"]?.file == .string(world.agentConfig))
        #expect(s["source.url"]?.file == .string(world.agentConfig))
        #expect(status["configProblem"] == .null, "\(status)")
        _ = system
    }
}
