import Agent
import ArgumentParser
import CLICommon
import FoundationEssentials
import Logging
import OpenCodeConfig
import ProviderSpec
import Sync

/// Where this workstation's agent.yaml is, and the agent's files in the state folder.
struct AgentConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The agent configuration. Default: $XDG_CONFIG_HOME/provider-sync/agent.yaml (~/.config), "
            + "~/Library/Application Support/provider-sync/agent.yaml on macOS, %APPDATA%\\provider-sync\\agent.yaml on Windows.",
        valueName: "path"))
    var configPath: String?

    /// The agent.yaml in use, absolute.
    func configFile() throws -> String {
        if let configPath { return AgentPaths.absolute(configPath) }
        do {
            return try AgentConfigLocation.defaultPath(platform: .current, environment: Workstation.environment)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    func files() throws -> AgentFiles {
        AgentFiles(state: try Workstation.stateLocation(.current))
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
            loaded = try AgentConfigLoader.load(path: file, environment: Workstation.environment)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        AgentPaths.print(loaded.diagnostics, text: loaded.text)
        guard let config = loaded.config else {
            throw CommandFailure(message: "\(file) is not valid; fix it (or write a new one with `provider-sync agent init --force`)")
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
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "~" || path.hasPrefix("~/"), let home = Workstation.environment["HOME"] { return home + path.dropFirst(1) }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    static func print(_ diagnostics: [Diagnostic], text: String) {
        let formatter = DiagnosticFormatter(format: .text)
        for d in diagnostics { Terminal.stderr(formatter.styled(d, source: Array(text.utf8))) }
    }

    static func context(_ files: AgentFiles) -> AgentContext {
        AgentContext(files: files, platform: .current, environment: Workstation.environment, toolVersion: ToolVersion.string)
    }

    /// The absolute path of this very binary, for the service file.
    static func executable() -> String {
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        #endif
        return absolute(CommandLine.arguments[0])
    }
}
