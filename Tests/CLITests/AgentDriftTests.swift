import Foundation
import JSONCore
import TestSupport
import Testing

@Suite("agent: drift and rotated keys on the drift interval", .needs(AgentTools.hasGit, "git"))
struct AgentDriftTests {
    /// Renames owned provider alpha by hand.
    static func editByHand(_ world: AgentWorld) throws {
        let text = try #require(fileText(world.sidecarPath))
        let edited = text.replacingOccurrences(of: "\"name\": \"Server alpha\"", with: "\"name\": \"Mine now\"")
        #expect(edited != text)
        try edited.write(toFile: world.sidecarPath, atomically: true, encoding: .utf8)
    }

    @Test("onDrift: reapply puts an owned key edited by hand back, and says so")
    func reapply() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL, ["--drift-interval", "1s"])
        #expect(try world.cli(["agent", "once"]).status == 0)
        let applied = try #require(fileText(world.sidecarPath))

        // Within the drift interval nothing is checked.
        try Self.editByHand(world)
        let early = try world.cli(["agent", "once"])
        #expect(early.status == 0)
        #expect(!early.stderr.contains("drift"))

        try world.waitForDriftCheckDue(interval: 1)
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        let line = try #require(once.stderr.split(separator: "\n").first { $0.contains(" notice drift-reapplied ") })
        #expect(line.contains("findings=\"provider alpha was edited by hand\""))
        #expect(fileText(world.sidecarPath) == applied)
        #expect(try world.status()["drift"] == [])
    }

    @Test("onDrift: report leaves the hand edit, lists it in agent status and status")
    func report() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL, ["--drift-interval", "1s", "--on-drift", "report"])
        #expect(try world.cli(["agent", "once"]).status == 0)
        try Self.editByHand(world)
        let edited = fileText(world.sidecarPath)
        try world.waitForDriftCheckDue(interval: 1)
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0)
        #expect(once.stderr.contains(" warning drift-detected action=report findings=\"provider alpha was edited by hand\""), "\(once.stderr)")
        #expect(fileText(world.sidecarPath) == edited)
        let drift = try #require(try world.status()["drift"]?.arrayValue?.first)
        #expect(drift["target"] == "accomplish")
        #expect(drift["findings"] == ["provider alpha was edited by hand"])
        #expect(try world.cli(["agent", "status"]).stdout.contains("provider alpha was edited by hand"))

        // `provider-sync status` has the agent after the targets, in text and in JSON (one object).
        let text = try world.cli(["status"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("\nagent: not running\n"))
        let json = try parsed(try world.cli(["status", "--format", "json"]).stdout, options: .json)
        #expect(json["formatVersion"] == 1 && json["version"]?.stringValue?.isEmpty == false)
        #expect(json["targets"]?[0]?["target"] == "accomplish")
        #expect(json["agent"]?["drift"]?[0]?["findings"] == ["provider alpha was edited by hand"])
    }

    @Test("keychain keys: a missing one rejects the commit (exit 1); a rotated one is written on the drift interval; never shown",
          .needs(KeyringTools.available, "dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool"))
    func rotatedKey() throws {
        let keyring = try KeyringSandbox.unlocked()
        defer { keyring.stop() }
        let world = try AgentWorld()
        defer { world.stop() }
        world.useKeyring(keyring)
        try world.commit(["providers.yaml": agentSpec(["gateway"]).replacingOccurrences(
            of: "    models:", with: "    apiKey: { keyring: gateway-key }\n    models:")])
        try world.initAgent(url: world.fileURL, ["--drift-interval", "1s"])

        let missing = try world.cli(["agent", "once"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("provider-sync secret set gateway-key"), "\(missing.stderr)")
        #expect(try world.status()["lastError"]?["stage"] == "secrets")
        #expect(try world.status()["lastError"]?["reason"] == "keyMissing")
        #expect(fileText(world.sidecarPath) == nil)

        let first = "sk-first-0a1b2c3d4e5f", second = "sk-second-9f8e7d6c5b4a"
        #expect(try world.cli(["secret", "set", "gateway-key"], stdin: first).status == 0)
        let applied = try world.cli(["agent", "once"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(fileText(world.sidecarPath)?.contains(first) == true)

        #expect(try world.cli(["secret", "set", "gateway-key"], stdin: second).status == 0)
        try world.waitForDriftCheckDue(interval: 1)
        let rotated = try world.cli(["agent", "once"])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stderr.contains(" info refreshed changes=\"updated provider gateway\""), "\(rotated.stderr)")
        #expect(fileText(world.sidecarPath)?.contains(second) == true)
        let shown = missing.stderr + applied.stdout + applied.stderr + rotated.stdout + rotated.stderr
            + (fileText(world.statusFile) ?? "") + (try world.cli(["agent", "status"]).stdout)
        #expect(!shown.contains(first) && !shown.contains(second))
    }
}
