internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials
import Logging
internal import OpenCodeConfig
internal import ProviderSpec
internal import Sync
internal import Workstation

/// Where this workstation's agent.yaml is, and the agent's files in the state folder.
struct AgentConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The agent configuration. Default: $XDG_CONFIG_HOME/provider-sync/agent.yaml (~/.config), "
            + "~/Library/Application Support/provider-sync/agent.yaml on macOS, %APPDATA%\\provider-sync\\agent.yaml on Windows.",
        valueName: "path"))
    var configPath: String?

    /// The agent.yaml in use, absolute.
    func configFile() throws -> String {
        if let configPath { return try ThisWorkstation.absolute(configPath) }
        do {
            return try ThisWorkstation.locations().agentConfigFile()
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    func files() throws -> AgentFiles {
        AgentFiles(state: try ThisWorkstation.stateLocation())
    }

    /// This user's one agent: the lock held for as long as the returned object lives; another
    /// running agent is exit 2, naming its pid.
    func acquireAgentLock(_ files: AgentFiles) throws -> AnyObject {
        do {
            return try AgentInstanceLock.acquire(files)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    /// The valid configuration; its diagnostics go to stderr, and an invalid or missing one is exit 2.
    func load() throws -> AgentConfig {
        let file = try configFile()
        let loaded: LoadedAgentConfig
        do {
            loaded = try AgentConfigLoader.load(path: file, locations: ThisWorkstation.locations())
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        AgentPaths.print(loaded)
        guard let config = loaded.config else {
            let files = loaded.layers.map(\.file).reversed().joined(separator: " over ")
            throw CommandFailure(message: "\(files) is not valid; fix it (or write a new one with `provider-sync agent init --force`)")
        }
        return config
    }
}

/// How chatty the agent's log is.
struct AgentLogOptions: ParsableArguments {
    @Option(help: "debug, info, notice, warning or error. debug also logs every poll that found nothing new.")
    var logLevel: Logger.Level = .info

    var logger: Logger {
        let level = logLevel
        return Logger(label: "provider-sync.agent") { _ in AgentLogHandler(level: level) }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

enum AgentPaths {
    /// Each diagnostic with the line of its own file (the user's agent.yaml or the system-wide one).
    static func print(_ loaded: LoadedAgentConfig) {
        let formatter = DiagnosticFormatter(format: .text)
        for d in loaded.diagnostics { Terminal.stderr(formatter.styled(d, source: Array((loaded.text(of: d.file) ?? "").utf8))) }
    }

    static func context(_ files: AgentFiles) -> AgentContext {
        AgentContext(files: files, locations: ThisWorkstation.locations(), toolVersion: ToolVersion.string)
    }
}
