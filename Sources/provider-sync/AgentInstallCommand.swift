import Agent
import ArgumentParser
import CLICommon
import FoundationEssentials
import Sync

struct AgentInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Write the user service that runs `agent run`: systemd on Linux, launchd on macOS.",
        discussion: """
            Linux: ~/.config/systemd/user/provider-sync-agent.service; macOS: \
            ~/Library/LaunchAgents/dev.provider-sync.agent.plist. The service starts this binary by \
            its absolute path. Nothing is started: the command to start it is printed.
            """
    )

    @OptionGroup var configOptions: AgentConfigOptions

    @Flag(help: "Print the service file instead of writing it.")
    var print = false

    @Flag(help: "Replace a service file that provider-sync did not write.")
    var force = false

    @Option(help: "linux or macos: which service manager to write for. Default: this machine's.")
    var platform: StatePlatform = .current

    func run() throws {
        // A service that fails at once on a missing or invalid agent.yaml helps nobody.
        _ = try configOptions.load()
        let unit = try ServiceFile.unit(configOptions, platform: platform)
        if print {
            Terminal.stdout(unit.text)
            return
        }
        if let existing = try OwnFile.text(unit.path), !existing.contains(ServiceUnit.marker), !force {
            throw CommandFailure(message: "\(unit.path) exists and was not written by provider-sync; not replacing it (pass --force to replace it)")
        }
        do {
            try AtomicFileWriter.write(Array(unit.text.utf8), to: unit.path, mode: 0o644)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        Terminal.stdout("wrote \(Workstation.display(unit.path))\nstart it now and at every login with:\n  \(unit.enableCommand)\n")
    }
}

extension StatePlatform: ExpressibleByArgument {}

enum ServiceFile {
    static func unit(_ options: AgentConfigOptions, platform: StatePlatform) throws -> ServiceUnit {
        do {
            // --config only when it is not where the agent looks anyway.
            let file = try options.configFile()
            let standard = try? AgentConfigLocation.defaultPath(platform: platform, environment: Workstation.environment)
            return try ServiceUnit.make(platform: platform, binary: AgentPaths.executable(),
                                        configFile: file == standard ? nil : file, environment: Workstation.environment)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }
}

enum PathParts {
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
