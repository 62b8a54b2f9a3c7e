import Foundation
import TestSupport
import Testing

/// `agent install --global` and the unit's ExecStart. Every global install goes under a
/// temporary root (`--root`, `systemctl --root=`): a test never writes the real /etc.
@Suite("agent install: for every user, the path it starts, the read-only opt-in")
struct AgentServiceTests {
    static let unitName = "provider-sync-agent.service"

    @Test("--global --root: the unit in <root>/etc/systemd/user, enabled by systemctl --global (the link in default.target.wants); uninstall disables and removes it",
          .needs(AgentTools.find("systemctl") != nil, "systemctl"))
    func globalLinux() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let root = world.root + "/sysroot"
        let realUnit = "/etc/systemd/user/\(Self.unitName)"
        let realBefore = FileFacts(realUnit)
        let unit = root + "/etc/systemd/user/\(Self.unitName)"
        let link = root + "/etc/systemd/user/default.target.wants/\(Self.unitName)"

        let printed = try world.cli(["agent", "install", "--global", "--root", root, "--print", "--platform", "linux"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("\nExecStart=\(CLI.binary) agent run\n"))
        #expect(!printed.stdout.contains("Environment="), "each user's own XDG folders, not the installer's")
        #expect(FileFacts(unit) == nil, "--print writes nothing")

        // No agent.yaml for root here: a unit for every user runs each user's own.
        let installed = try world.cli(["agent", "install", "--global", "--root", root, "--platform", "linux"])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(fileText(unit) == printed.stdout)
        #expect(FileFacts(unit)?.mode == 0o644)
        #expect(FileFacts(root + "/etc/systemd/user")?.mode == 0o755)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/etc/systemd/user/\(Self.unitName)")
        #expect(installed.stdout.contains("enabled for every user (systemctl --global enable)"))
        #expect(installed.stdout.contains("systemctl --user daemon-reload && systemctl --user start \(Self.unitName)"))

        // The same through the environment variable packagers set.
        world.extraEnvironment["PROVIDER_SYNC_INSTALL_ROOT"] = root
        let again = try world.cli(["agent", "install", "--global", "--platform", "linux"])
        #expect(again.status == 0, "its own file is replaced: \(again.stderr)")
        #expect(again.stdout.hasPrefix("wrote \(unit)\n"))
        world.extraEnvironment["PROVIDER_SYNC_INSTALL_ROOT"] = nil

        let removed = try world.cli(["agent", "uninstall", "--global", "--root", root, "--platform", "linux"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(FileFacts(unit) == nil)
        #expect(FileFacts(link) == nil, "systemctl --global disable removed the link")
        #expect(FileFacts(realUnit) == realBefore, "the real /etc was not touched")
    }

    @Test("--global refuses a unit it did not write; --root goes with --global only", .needs(AgentTools.find("systemctl") != nil, "systemctl"))
    func globalRefusals() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let root = world.root + "/sysroot"
        let unit = root + "/etc/systemd/user/\(Self.unitName)"
        try FileManager.default.createDirectory(atPath: root + "/etc/systemd/user", withIntermediateDirectories: true)
        try "[Service]\nExecStart=/bin/true\n".write(toFile: unit, atomically: true, encoding: .utf8)
        let refused = try world.cli(["agent", "install", "--global", "--root", root, "--platform", "linux"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("was not written by provider-sync"))
        #expect(try world.cli(["agent", "uninstall", "--global", "--root", root, "--platform", "linux"]).status == 2)
        #expect(fileText(unit) == "[Service]\nExecStart=/bin/true\n")

        let usage = try world.cli(["agent", "install", "--root", root, "--print"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--root goes with --global"))
    }

    @Test("--global on macOS: /Library/LaunchAgents under the root; each user's log through $HOME")
    func globalMacOS() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let root = world.root + "/sysroot"
        let r = try world.cli(["agent", "install", "--global", "--root", root, "--platform", "macos"])
        #expect(r.status == 0, "\(r.stderr)")
        let plist = try #require(fileText(root + "/Library/LaunchAgents/dev.provider-sync.agent.plist"))
        #expect(plist.contains("<string>/bin/sh</string>\n    <string>-c</string>\n    <string>exec \"$0\" \"$@\" 2&gt;&gt;\"$HOME/Library/Logs/provider-sync-agent.log\"</string>\n    <string>\(CLI.binary)</string>\n    <string>agent</string>\n    <string>run</string>"))
        #expect(!plist.contains("StandardErrorPath"), "one fixed path cannot name every user's home")
        #expect(r.stdout.contains("launchctl bootstrap gui/$(id -u) /Library/LaunchAgents/dev.provider-sync.agent.plist"))
        #expect(try world.cli(["agent", "uninstall", "--global", "--root", root, "--platform", "macos"]).status == 0)
        #expect(fileText(root + "/Library/LaunchAgents/dev.provider-sync.agent.plist") == nil)
    }

    /// Regression: ExecStart was /proc/self/exe resolved, the versioned file behind a symlink,
    /// which an upgrade removes.
    @Test("ExecStart is the path provider-sync was run by, or found by on PATH, never the file behind a symlink")
    func execStartSurvivesUpgrade() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.initAgent(url: "https://h/r.git")
        let versioned = world.root + "/opt/provider-sync/0.1.0/provider-sync"
        let bin = world.root + "/bin"
        try FileManager.default.createDirectory(atPath: world.root + "/opt/provider-sync/0.1.0", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: versioned, withDestinationPath: CLI.binary)
        try FileManager.default.createSymbolicLink(atPath: bin + "/provider-sync", withDestinationPath: versioned)

        let byPath = try AgentCLIResult.run([bin + "/provider-sync", "agent", "install", "--print", "--platform", "linux"],
                                            environment: world.environment, folder: world.root, timeout: 60)
        #expect(byPath.status == 0, "\(byPath.stderr)")
        #expect(byPath.stdout.contains("\nExecStart=\(bin)/provider-sync agent run\n"), "\(byPath.stdout)")

        // Run as a shell runs it: argv[0] is the bare name, found on PATH.
        var environment = world.environment
        environment["PATH"] = bin + ":/usr/bin:/bin"
        let byName = try AgentCLIResult.run(["/bin/sh", "-c", "cd / && exec provider-sync agent install --print --platform linux"],
                                            environment: environment, folder: world.root, timeout: 60)
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.contains("\nExecStart=\(bin)/provider-sync agent run\n"), "\(byName.stdout)")

        // A relative invocation is made absolute, lexically.
        let relative = try AgentCLIResult.run(["/bin/sh", "-c", "cd \(world.root)/opt && exec ../bin/./provider-sync agent install --print --platform linux"],
                                              environment: world.environment, folder: world.root, timeout: 60)
        #expect(relative.stdout.contains("\nExecStart=\(bin)/provider-sync agent run\n"), "\(relative.stdout)")
    }

    @Test("--protect-system: ProtectSystem=strict with the state folder and each target's folder writable, from agent.yaml's targets")
    func protectSystem() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let custom = world.root + "/projects/app/opencode.json"
        try world.initAgent(url: "https://h/r.git", ["--target", "openwork", "--target", "opencode", "--target", custom])
        let user = try world.cli(["agent", "install", "--print", "--protect-system", "--platform", "linux"])
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.contains("\nProtectSystem=strict\n"))
        #expect(user.stdout.contains("\nPrivateTmp=yes\n"))
        // OpenCode's data folder too: auth.json, for the auth secrets mode.
        #expect(user.stdout.contains("\nReadWritePaths=-\(world.stateFolder) -\(world.configHome)/Openwork/opencode -\(world.root)/data/opencode -\(world.configHome)/opencode -\(world.root)/projects/app\n"),
                "\(user.stdout)")

        let plain = try world.cli(["agent", "install", "--print", "--platform", "linux"])
        #expect(!plain.stdout.contains("ProtectSystem="), "an opt-in: it needs user namespaces")
        #expect(!plain.stdout.contains("ReadWritePaths="))

        // For every user: the folders by systemd's per-user specifiers; absolute paths stay.
        let global = try world.cli(["agent", "install", "--global", "--print", "--protect-system", "--platform", "linux",
                                    "--config", world.agentConfig])
        #expect(global.status == 0, "\(global.stderr)")
        #expect(global.stdout.contains("\nReadWritePaths=-%S/provider-sync -%E/Openwork/opencode -%h/.local/share/opencode -%E/opencode -\(world.root)/projects/app\n"),
                "\(global.stdout)")
        #expect(global.stdout.contains("\nExecStart=\(CLI.binary) agent run --config \(world.agentConfig)\n"))
    }

    @Test("a symlinked target: the folder of the file it points to is writable too")
    func protectSystemSymlink() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let dotfiles = world.root + "/dotfiles"
        try FileManager.default.createDirectory(atPath: dotfiles, withIntermediateDirectories: true)
        try "{}\n".write(toFile: dotfiles + "/opencode.json", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: world.configHome + "/opencode", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: world.configHome + "/opencode/opencode.json", withDestinationPath: dotfiles + "/opencode.json")
        try world.initAgent(url: "https://h/r.git", ["--target", "opencode"])
        let r = try world.cli(["agent", "install", "--print", "--protect-system", "--platform", "linux"])
        #expect(r.stdout.contains("\nReadWritePaths=-\(world.stateFolder) -\(world.configHome)/opencode -\(world.root)/data/opencode -\(dotfiles)\n"), "\(r.stdout)")
    }

    /// `systemd-analyze security --offline=true --user`'s overall exposure (0 safe .. 10 unsafe).
    private func exposure(_ unitFile: String, runtime: String) throws -> Double? {
        let r = try runProcess(AgentTools.find("systemd-analyze")!, ["security", "--offline=true", "--user", unitFile],
                               environment: ["PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": runtime], folder: "/")
        // "→ Overall exposure level for NAME.service: 6.2 MEDIUM :-|"
        guard let line = r.stdout.split(separator: "\n").last(where: { $0.contains("Overall exposure level") }),
              let colon = line.range(of: ".service: ") else { return nil }
        return line[colon.upperBound...].split(separator: " ").first.flatMap { Double($0) }
    }

    @Test("systemd-analyze: the unit verifies; exposure 6.2 (was 9.8), 4.2 with --protect-system",
          .needs(AgentTools.find("systemd-analyze") != nil, "systemd-analyze"))
    func securityScore() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.initAgent(url: "https://h/r.git")
        let runtime = world.root + "/run"
        for (flags, limit) in [([String](), 6.2), (["--protect-system"], 4.2)] {
            let printed = try world.cli(["agent", "install", "--print", "--platform", "linux"] + flags)
            let file = world.root + "/\(Self.unitName)"
            try printed.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            let verify = try runProcess(AgentTools.find("systemd-analyze")!, ["verify", "--user", "--man=no", file],
                                        environment: ["PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": runtime], folder: "/")
            #expect(verify.status == 0, "\(flags): \(verify.stdout)\(verify.stderr)")
            let score = try #require(try exposure(file, runtime: runtime))
            #expect(score <= limit, "\(flags): exposure \(score)")
        }
    }

    /// The unit's seccomp hardening, applied by Tests/UnitSandbox/unit-sandbox.py as systemd
    /// 252 builds it (no systemd runs here): a whole cycle still works under it.
    @Test("a whole cycle under the unit's own seccomp filter: git over HTTP with a keychain token, keychain API key, apply, health probe",
          .needs(KeyringTools.available && AgentTools.hasPython && AgentTools.find("systemd-analyze") != nil, "dbus-daemon, dbus-send, gnome-keyring-daemon and secret-tool, python3, systemd-analyze"))
    func cycleUnderUnitSandbox() throws {
        let keyring = try KeyringSandbox.unlocked()
        defer { keyring.stop() }
        let world = try AgentWorld()
        defer { world.stop() }
        world.useKeyring(keyring)
        let token = "tok-sandbox-5c2e9a", apiKey = "sk-sandbox-71f3d0b8"
        let server = try world.startHTTPServer(username: "alice", token: token)
        let spec = "version: 1\nproviders:\n  alpha:\n    name: Alpha\n    url: http://127.0.0.1:9/v1\n"
            + "    apiKey: { keyring: alpha-key }\n    models: [m1]\n"
        try world.commit(["providers.yaml": spec])
        try world.initAgent(url: "http://127.0.0.1:\(server.port)/team.git", ["--token-keyring", "team-git", "--username", "alice", "--health-check"])
        #expect(try world.cli(["secret", "set", "team-git"], stdin: token).status == 0)
        #expect(try world.cli(["secret", "set", "alpha-key"], stdin: apiKey).status == 0)

        let unit = world.root + "/\(Self.unitName)"
        try world.cli(["agent", "install", "--print", "--platform", "linux"]).stdout.write(toFile: unit, atomically: true, encoding: .utf8)
        let sandbox = CLI.repository + "/Tests/UnitSandbox/unit-sandbox.py"
        // The filter is live: what the unit forbids fails under it.
        let probe = try AgentCLIResult.run(["/usr/bin/env", "python3", sandbox, unit, "/usr/bin/env", "python3", "-c",
                                            "import mmap, socket\ntry:\n socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM)\nexcept OSError as e: print('netlink', e.errno)\n"
                                            + "try:\n mmap.mmap(-1, 4096, prot=mmap.PROT_WRITE | mmap.PROT_EXEC)\nexcept OSError as e: print('wx', e.errno)\n"],
                                           environment: world.environment, folder: world.root, timeout: 60)
        #expect(probe.stdout == "netlink 1\nwx 1\n", "\(probe.stdout)\(probe.stderr)")

        let once = try AgentCLIResult.run(["/usr/bin/env", "python3", sandbox, unit, CLI.binary, "agent", "once"],
                                          environment: world.environment, folder: world.root, timeout: 120)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stderr.contains(" notice revision-applied "), "\(once.stderr)")
        #expect(once.stderr.contains(" info health-checked "), "the probe ran to its end: \(once.stderr)")
        #expect(fileText(world.sidecarPath)?.contains(apiKey) == true, "the key read from the keychain, written")
        #expect(!(once.stdout + once.stderr).contains(token) && !(once.stdout + once.stderr).contains(apiKey))
    }
}
