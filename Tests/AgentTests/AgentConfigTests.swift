import Workstation
@testable import Agent
import ProviderSpec
import Testing

@Suite("agent: agent.yaml")
struct AgentConfigTests {
    let locations = Locations(platform: .linux, environment: Environment(["HOME": "/home/u"]), currentDirectory: "/work")

    func load(_ text: String, locations: Locations? = nil) -> LoadedAgentConfig {
        AgentConfigLoader.load(bytes: Array(text.utf8), file: "/home/u/.config/provider-sync/agent.yaml", locations: locations ?? self.locations)
    }

    @Test("the smallest file: defaults filled in")
    func defaults() throws {
        let loaded = load("source:\n  url: https://git.example.com/team/llm.git\n")
        #expect(loaded.diagnostics.isEmpty)
        let config = try #require(loaded.config)
        #expect(config == AgentConfig(url: "https://git.example.com/team/llm.git"))
        #expect(config.branch == "main" && config.path == "providers.yaml" && config.targets == [.named(.openwork)])
        #expect(config.interval == .seconds(300) && config.driftInterval == .seconds(1800) && config.onDrift == .reapply)
    }

    @Test("every setting; paths from ~ and from the file's folder")
    func everything() throws {
        let loaded = load("""
            source:
              url: ssh://git@git.example.com/team/llm.git
              branch: release
              path: providers.d
              auth: { sshKey: ~/.ssh/id_ed25519, username: deploy }
              verify: { allowedSigners: allowed_signers, gpgKeyring: /etc/team.gpg }
              knownHosts: ~/.ssh/team_known_hosts
            interval: 30s
            driftInterval: 10m
            targets: [opencode, ./project/opencode.json]
            secrets: file
            onDrift: report
            """)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let c = try #require(loaded.config)
        #expect(c.branch == "release" && c.path == "providers.d")
        #expect(c.auth == .sshKey(path: "/home/u/.ssh/id_ed25519", username: "deploy"))
        #expect(c.verify == AgentConfig.Verification(allowedSigners: "/home/u/.config/provider-sync/allowed_signers", gpgKeyring: "/etc/team.gpg"))
        #expect(c.knownHosts == "/home/u/.ssh/team_known_hosts")
        #expect(c.interval == .seconds(30) && c.driftInterval == .seconds(600))
        #expect(c.targets == [.named(.opencode), .path("/home/u/.config/provider-sync/project/opencode.json")])
        #expect(c.secrets == .file && c.onDrift == .report)
    }

    @Test("a misspelled name: file:line:col and did you mean")
    func misspelled() throws {
        let loaded = load("source:\n  url: https://h/r.git\nintervall: 5m\n")
        #expect(loaded.config == nil)
        let d = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(d.position?.line == 3 && d.position?.column == 1)
        #expect(d.message == "unknown property 'intervall'")
        #expect(d.hint == "did you mean 'interval'?")
    }

    @Test("a duration that is not one: the hint says how to write it")
    func badInterval() throws {
        let loaded = load("source:\n  url: https://h/r.git\ninterval: 5 minutes\n")
        let d = try #require(loaded.diagnostics.first)
        #expect(d.position?.line == 3 && d.position?.column == 11)
        #expect(d.code == "schema.pattern")
        #expect(d.hint?.contains("30s, 5m or 1h") == true)
    }

    @Test("credentials that do not fit the URL, or two at once")
    func auth() throws {
        let token = load("source:\n  url: ssh://git@h/r.git\n  auth: { keyring: tok }\n")
        #expect(token.config == nil)
        #expect(token.diagnostics.first?.message.contains("https:// only") == true)
        #expect(token.diagnostics.first?.position?.line == 3)

        let key = load("source:\n  url: https://h/r.git\n  auth: { sshKey: /k }\n")
        #expect(key.diagnostics.first?.message.contains("works over ssh only") == true)

        let both = load("source:\n  url: ssh://git@h/r.git\n  auth: { sshKey: /k, sshAgent: true }\n")
        #expect(both.diagnostics.first?.message == "auth names sshKey and sshAgent; give one")

        let userOnly = load("source:\n  url: ssh://git@h/r.git\n  auth: { username: git }\n")
        #expect(userOnly.diagnostics.first?.message == "auth names no credential")

        let fine = load("source:\n  url: https://h/r.git\n  auth: { keyring: tok }\n")
        #expect(fine.config?.auth == .token(keyring: "tok", username: nil))
    }

    @Test("the template agent init writes loads back as what was asked")
    func template() throws {
        var t = AgentConfigTemplate(url: "https://h/team \"x\".git")
        t.branch = "main"
        t.targets = ["openwork", "/tmp/a b/opencode.json"]
        t.auth = [("keyring", .string("tok")), ("username", .string("bob"))]
        t.interval = "1s"
        let loaded = load(t.text)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let c = try #require(loaded.config)
        #expect(c.url == "https://h/team \"x\".git")
        #expect(c.targets == [.named(.openwork), .path("/tmp/a b/opencode.json")])
        #expect(c.auth == .token(keyring: "tok", username: "bob"))
        #expect(c.interval == .seconds(1))
    }

    @Test("a path with ~ and no home folder: an error at its line, not a path under the config's folder")
    func homeMissing() throws {
        let bare = Locations(platform: .linux, environment: Environment([:]), currentDirectory: "/work")
        let loaded = load("source:\n  url: https://h/r.git\n  caFile: ~/ca.pem\ntargets: [~/opencode.json]\n", locations: bare)
        #expect(loaded.config == nil)
        #expect(loaded.diagnostics.map(\.code) == ["agent.location", "agent.location"])
        #expect(loaded.diagnostics.map { $0.position?.line } == [3, 4])
        #expect(loaded.diagnostics.first?.message == "cannot find the home folder in ~/ca.pem: the environment variable HOME is not set")
    }
}
