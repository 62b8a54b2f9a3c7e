import Testing
import Workstation

@Suite("locations: agent.yaml and the service file")
struct AgentLocationTests {
    func locations(_ platform: Platform, _ environment: [String: String]) -> Locations {
        Locations(platform: platform, environment: Environment(environment), currentDirectory: "/cwd")
    }

    @Test func agentConfigFile() throws {
        #expect(try locations(.linux, ["HOME": "/h"]).agentConfigFile() == "/h/.config/provider-sync/agent.yaml")
        #expect(try locations(.linux, ["HOME": "/h", "XDG_CONFIG_HOME": "/x"]).agentConfigFile() == "/x/provider-sync/agent.yaml")
        #expect(try locations(.linux, ["HOME": "/h", "XDG_CONFIG_HOME": "rel"]).agentConfigFile() == "/h/.config/provider-sync/agent.yaml")
        #expect(try locations(.macos, ["HOME": "/Users/u"]).agentConfigFile() == "/Users/u/Library/Application Support/provider-sync/agent.yaml")
        #expect(try locations(.windows, ["APPDATA": #"C:\Users\u\AppData\Roaming"#]).agentConfigFile()
            == #"C:\Users\u\AppData\Roaming\provider-sync\agent.yaml"#)
        #expect(throws: LocationError.missingVariable(.home, for: .agentConfiguration)) { try locations(.linux, [:]).agentConfigFile() }
    }

    @Test func serviceFile() throws {
        let linux = try locations(.linux, ["HOME": "/h"]).serviceLocation()
        #expect(linux.file == "/h/.config/systemd/user/provider-sync-agent.service")
        #expect(linux.enablementLink == "/h/.config/systemd/user/default.target.wants/provider-sync-agent.service")
        #expect(linux.logFile == nil)
        #expect(try locations(.linux, ["HOME": "/h", "XDG_CONFIG_HOME": "/x"]).serviceLocation().file
            == "/x/systemd/user/provider-sync-agent.service")
        let mac = try locations(.macos, ["HOME": "/Users/u"]).serviceLocation()
        #expect(mac.file == "/Users/u/Library/LaunchAgents/dev.provider-sync.agent.plist")
        #expect(mac.logFile == "/Users/u/Library/Logs/provider-sync-agent.log")
        #expect(throws: LocationError.unsupported(.serviceFile, on: .windows)) { try locations(.windows, ["APPDATA": #"C:\a"#]).serviceLocation() }
        #expect(throws: LocationError.missingVariable(.home, for: .serviceFile)) { try locations(.macos, [:]).serviceLocation() }
    }
}

extension AgentLocationTests {
    @Test func globalServiceFile() throws {
        #expect(try ServiceLocation.global(on: .linux, root: "/").file == "/etc/systemd/user/provider-sync-agent.service")
        #expect(try ServiceLocation.global(on: .linux, root: "/tmp/r/").enablementLink
            == "/tmp/r/etc/systemd/user/default.target.wants/provider-sync-agent.service")
        #expect(try ServiceLocation.global(on: .macos, root: "/tmp/r").file == "/tmp/r/Library/LaunchAgents/dev.provider-sync.agent.plist")
        #expect(throws: LocationError.unsupported(.serviceFile, on: .windows)) { try ServiceLocation.global(on: .windows, root: "/") }
    }
}
