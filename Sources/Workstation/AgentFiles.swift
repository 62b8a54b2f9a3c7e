/// The agent's own files in the state folder.
public struct AgentFiles: Sendable {
    public var state: StateLocation

    public init(state: StateLocation) {
        self.state = state
    }

    /// The bare mirror of the followed branch.
    public var mirror: String { state.appending("repo") }
    /// What the agent did last, for `agent status` and scripts.
    public var status: String { state.appending("agent-status.json") }
    /// Taken around every read-modify-write of the status file (agent, pause, resume).
    public var statusLock: String { state.appending("agent-status.lock") }
    /// Held by the one running agent of this user, with its pid inside.
    public var agentLock: String { state.appending("agent.lock") }
}

extension Locations {
    /// Where agent.yaml is by default:
    /// - Linux: `$XDG_CONFIG_HOME/provider-sync/agent.yaml` (default `~/.config`)
    /// - macOS: `~/Library/Application Support/provider-sync/agent.yaml`
    /// - Windows: `%APPDATA%\provider-sync\agent.yaml`
    public func agentConfigFile() throws(LocationError) -> String {
        let place = Place.agentConfiguration
        switch platform {
        case .linux:
            return join(try xdgConfigHome(for: place), "provider-sync", "agent.yaml")
        case .macos:
            return join(try home(for: place), "Library", "Application Support", "provider-sync", "agent.yaml")
        case .windows:
            return join(try environment.folder(.appData, on: platform, for: place), "provider-sync", "agent.yaml")
        }
    }
}
