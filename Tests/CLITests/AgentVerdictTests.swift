import Foundation
import JSONCore
import Testing

@Suite("agent: what OpenCode makes of the applied providers", .enabled(if: AgentTools.hasGit))
struct AgentVerdictTests {
    func verdictLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.contains(" verdict-changed ") }
    }

    @Test("the agent logs the verdict when it changes, one line, not every cycle; agent status and status show it")
    func loggedWhenItChanges() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])])
        try world.initAgent(url: world.fileURL)
        let first = try world.cli(["agent", "once"])
        #expect(first.status == 0, "\(first.stderr)")
        let known = verdictLines(first.stderr)
        #expect(known.count == 1 && known[0].contains(" info verdict-changed opencode=unknown target=openwork usable=alpha,beta"),
                "\(first.stderr)")
        #expect(verdictLines(try world.cli(["agent", "once"]).stderr).isEmpty)

        // Another file OpenCode reads disables one: the next cycle says so, once.
        let global = world.configHome + "/opencode/opencode.jsonc"
        try FileManager.default.createDirectory(atPath: world.configHome + "/opencode", withIntermediateDirectories: true)
        try #"{"disabled_providers": ["beta"]}"#.write(toFile: global, atomically: true, encoding: .utf8)
        let changed = verdictLines(try world.cli(["agent", "once"]).stderr)
        #expect(changed.count == 1 && changed[0].contains(" warning verdict-changed opencode=unknown target=openwork "
            + "unusable=\"beta: disabled (\(global))\" usable=alpha"), "\(changed)")
        #expect(verdictLines(try world.cli(["agent", "once"]).stderr).isEmpty)

        let status = try world.status()
        #expect(status["verdicts"]?[0]?["usable"] == ["alpha"] && status["verdicts"]?[0]?["unusable"]?[0]?["reason"] == "disabled")
        let text = try world.cli(["agent", "status"]).stdout
        #expect(text.contains("  openwork:\n    OpenCode sees (OpenCode version unknown): alpha usable\n      beta not usable: disabled_providers in \(global) lists it\n"),
                "\(text)")
        // `status` shows it with the target, and not again with the agent.
        let overall = try world.cli(["status"]).stdout
        #expect(overall.components(separatedBy: "beta not usable").count == 2, "\(overall)")

        // Put right: logged again, as usable.
        try FileManager.default.removeItem(atPath: global)
        let back = verdictLines(try world.cli(["agent", "once"]).stderr)
        #expect(back.count == 1 && back[0].hasSuffix(" info verdict-changed opencode=unknown target=openwork usable=alpha,beta"), "\(back)")
    }
}
