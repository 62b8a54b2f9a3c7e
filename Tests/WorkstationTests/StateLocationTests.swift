import Testing
import Workstation

@Suite("locations: state folder")
struct StateLocationTests {
    func state(_ platform: Platform, _ environment: [String: String]) throws -> String {
        try Locations(platform: platform, environment: Environment(environment), currentDirectory: "/cwd").stateLocation().directory
    }

    @Test func linuxUsesXDGStateHome() throws {
        #expect(try state(.linux, ["XDG_STATE_HOME": "/var/lib/u/state/", "HOME": "/home/u"]) == "/var/lib/u/state/provider-sync")
    }

    @Test func linuxIgnoresRelativeXDGStateHome() throws {
        #expect(try state(.linux, ["XDG_STATE_HOME": "state", "HOME": "/home/u"]) == "/home/u/.local/state/provider-sync")
    }

    @Test func linuxDefault() throws {
        #expect(try state(.linux, ["HOME": "/home/u"]) == "/home/u/.local/state/provider-sync")
    }

    @Test func linuxWithoutHomeButWithXDG() throws {
        #expect(try state(.linux, ["XDG_STATE_HOME": "/s"]) == "/s/provider-sync")
    }

    @Test func macOS() throws {
        #expect(try state(.macos, ["HOME": "/Users/u"]) == "/Users/u/Library/Application Support/provider-sync")
    }

    @Test func windows() throws {
        #expect(try state(.windows, ["LOCALAPPDATA": #"C:\Users\u\AppData\Local"#]) == #"C:\Users\u\AppData\Local\provider-sync"#)
    }

    @Test(arguments: [
        (Platform.linux, [String: String](), Variable.home),
        (.macos, ["XDG_STATE_HOME": "/s"], .home),
        (.windows, ["HOME": "/home/u"], .localAppData),
    ])
    func missingVariableIsNamed(platform: Platform, environment: [String: String], variable: Variable) {
        #expect(throws: LocationError.missingVariable(variable, for: .stateFolder)) { try state(platform, environment) }
        #expect(LocationError.missingVariable(variable, for: .stateFolder).description
            == "cannot find the provider-sync state folder: the environment variable \(variable) is not set")
    }

    @Test func relativeHomeIsRejected() {
        #expect(throws: LocationError.relativeVariable(.home, value: "home/u", for: .stateFolder)) { try state(.linux, ["HOME": "home/u"]) }
    }

    @Test func subpaths() {
        let location = StateLocation(directory: "/s/provider-sync", platform: .linux)
        #expect(location.lockPath == "/s/provider-sync/lock")
        #expect(location.historyDirectory == "/s/provider-sync/history")
        #expect(location.targetsDirectory == "/s/provider-sync/targets")
        #expect(location.keyFile("team") == "/s/provider-sync/keys/team")
        let agent = AgentFiles(state: location)
        #expect([agent.mirror, agent.status, agent.statusLock, agent.agentLock]
            == ["/s/provider-sync/repo", "/s/provider-sync/agent-status.json", "/s/provider-sync/agent-status.lock", "/s/provider-sync/agent.lock"])
        #expect(StateLocation(directory: #"C:\s"#, platform: .windows).keyFile("team") == #"C:\s\keys\team"#)
    }
}
