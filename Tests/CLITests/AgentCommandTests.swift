import Foundation
import JSONCore
import Testing

@Suite("agent: init, install, help, and the errors a person meets first")
struct AgentCommandTests {
    @Test("init writes agent.yaml at $XDG_CONFIG_HOME/provider-sync, refuses to overwrite it, --force replaces it")
    func initCommand() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let r = try world.cli(["agent", "init", "--url", "https://git.example.com/team/llm.git", "--branch", "release",
                               "--path", "providers.d", "--target", "openwork", "--target", "opencode"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "wrote \(world.agentConfig)\n")
        let text = try #require(fileText(world.agentConfig))
        #expect(text.hasPrefix("# yaml-language-server: $schema=https://provider-sync.dev/schemas/agent.schema.json\n"))
        #expect(text.contains("  url: \"https://git.example.com/team/llm.git\"\n  branch: \"release\"\n  path: \"providers.d\"\n"))
        #expect(text.contains("targets:\n  - \"openwork\"\n  - \"opencode\"\n"))
        #expect(FileFacts(world.agentConfig)?.mode == 0o600)

        let again = try world.cli(["agent", "init", "--url", "https://other/repo.git"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists; not overwriting it (pass --force to replace it)"))
        #expect(fileText(world.agentConfig) == text)
        #expect(try world.cli(["agent", "init", "--url", "https://other/repo.git", "--force"]).status == 0)
        #expect(fileText(world.agentConfig)?.contains("https://other/repo.git") == true)
    }

    @Test("init with a value the schema refuses: the diagnostic at its line and column, nothing written")
    func initInvalid() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let r = try world.cli(["agent", "init", "--url", "https://h/r.git", "--interval", "5 minutes"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(world.agentConfig):10:11: error:"), "\(r.stderr)")
        #expect(r.stderr.contains("hint: write a number and a unit from 1s to 24h: 30s, 5m or 1h"))
        #expect(r.stderr.contains("nothing was written"))
        #expect(fileText(world.agentConfig) == nil)

        let token = try world.cli(["agent", "init", "--url", "ssh://git@h/r.git", "--token-keyring", "tok"])
        #expect(token.status == 2)
        #expect(token.stderr.contains("a keychain token works over https:// only"))
    }

    @Test("an agent.yaml with a typo: agent once exits 2 with file:line:col and did you mean")
    func invalidConfig() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try FileManager.default.createDirectory(atPath: world.configHome + "/provider-sync", withIntermediateDirectories: true)
        try "source:\n  url: file:///nowhere\nintervall: 5m\n".write(toFile: world.agentConfig, atomically: true, encoding: .utf8)
        let r = try world.cli(["agent", "once"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(world.agentConfig):3:1: error: unknown property 'intervall'"), "\(r.stderr)")
        #expect(r.stderr.contains("hint: did you mean 'interval'?"))
        #expect(try world.cli(["agent", "status"]).stdout.contains("config problem: \(world.agentConfig):3:1: unknown property 'intervall'"))
    }

    @Test("no agent.yaml: once says how to write one (exit 2); status says not configured (exit 0); reconcile finds no agent (exit 2)")
    func unconfigured() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 2)
        #expect(once.stderr.contains("there is no agent configuration at \(world.agentConfig); write one with: provider-sync agent init --url URL"))
        let status = try world.cli(["agent", "status"])
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("agent: not configured (provider-sync agent init --url URL)\n"))
        #expect(try world.status()["configured"] == false)
        let reconcile = try world.cli(["agent", "reconcile"])
        #expect(reconcile.status == 2)
        #expect(reconcile.stderr.contains("no provider-sync agent is running"))
        // `status` without any agent shows targets only, as before.
        #expect(!(try world.cli(["status"]).stdout.contains("agent:")))
    }

    @Test("install --print: a systemd user unit running this binary by its absolute path; install writes it; uninstall removes it")
    func install() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.initAgent(url: "https://h/r.git")
        let printed = try world.cli(["agent", "install", "--print", "--platform", "linux"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("\nExecStart=\(CLI.binary) agent run\n"))
        #expect(printed.stdout.contains("\nEnvironment=XDG_CONFIG_HOME=\(world.configHome)\n"))
        let unit = world.configHome + "/systemd/user/provider-sync-agent.service"
        #expect(fileText(unit) == nil, "--print writes nothing")

        let installed = try world.cli(["agent", "install", "--platform", "linux"])
        #expect(installed.status == 0)
        #expect(fileText(unit) == printed.stdout)
        #expect(installed.stdout.contains("systemctl --user daemon-reload && systemctl --user enable --now provider-sync-agent.service"))
        #expect(try world.cli(["agent", "install", "--platform", "linux"]).status == 0, "its own file is replaced")

        let plist = try world.cli(["agent", "install", "--print", "--platform", "macos"])
        #expect(plist.stdout.contains("<string>dev.provider-sync.agent</string>"))
        #expect(plist.stdout.contains("<string>\(CLI.binary)</string>"))

        let removed = try world.cli(["agent", "uninstall", "--platform", "linux"])
        #expect(removed.status == 0)
        #expect(removed.stdout.contains("systemctl --user disable --now provider-sync-agent.service"))
        #expect(fileText(unit) == nil)

        try "[Service]\nExecStart=/bin/true\n".write(toFile: unit, atomically: true, encoding: .utf8)
        #expect(try world.cli(["agent", "install", "--platform", "linux"]).status == 2, "someone else's unit is not replaced")
        #expect(try world.cli(["agent", "uninstall", "--platform", "linux"]).status == 2, "nor removed")
        #expect(fileText(unit) == "[Service]\nExecStart=/bin/true\n")
    }

    @Test("every agent command has --help", arguments: ["init", "run", "once", "status", "reconcile", "pause", "resume", "install", "uninstall"])
    func help(command: String) throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let r = try world.cli(["agent", command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: provider-sync agent \(command)"))
        #expect(r.stdout.contains("--config"))
    }
}
