import Sync

public enum AgentConfigLocationError: Error, Sendable, CustomStringConvertible {
    case missingVariable(String)

    public var description: String {
        switch self {
        case .missingVariable(let name):
            "cannot find the agent configuration: the environment variable \(name) is not set"
        }
    }
}

/// Where agent.yaml lives by default:
/// - Linux: `$XDG_CONFIG_HOME/provider-sync/agent.yaml` (default `~/.config`)
/// - macOS: `~/Library/Application Support/provider-sync/agent.yaml`
/// - Windows: `%APPDATA%\provider-sync\agent.yaml`
public enum AgentConfigLocation {
    public static let fileName = "agent.yaml"

    public static func defaultPath(platform: StatePlatform, environment: [String: String]) throws(AgentConfigLocationError) -> String {
        func value(_ name: String) throws(AgentConfigLocationError) -> String {
            guard let value = environment[name], !value.isEmpty else { throw .missingVariable(name) }
            return value
        }
        switch platform {
        case .linux:
            // As for XDG_STATE_HOME: a relative XDG_CONFIG_HOME is invalid and ignored.
            if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return "\(xdg)/provider-sync/\(fileName)" }
            return "\(try value("HOME"))/.config/provider-sync/\(fileName)"
        case .macos:
            return "\(try value("HOME"))/Library/Application Support/provider-sync/\(fileName)"
        case .windows:
            return "\(try value("APPDATA"))\\provider-sync\\\(fileName)"
        }
    }
}

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
