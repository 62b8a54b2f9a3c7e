import Agent
import ArgumentParser
import CLICommon
import FoundationEssentials
import Sync
import SystemIO

struct AgentUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove the user service file written by `agent install` (prints the command that stops the service).",
        discussion: "Only a file provider-sync wrote is removed; agent.yaml and the agent's state stay."
    )

    @OptionGroup var configOptions: AgentConfigOptions

    @Option(help: "linux or macos. Default: this machine's.")
    var platform: StatePlatform = .current

    func run() throws {
        let unit = try ServiceFile.unit(configOptions, platform: platform)
        guard let existing = try OwnFile.text(unit.path) else {
            Terminal.stdout("no service file at \(Workstation.display(unit.path)); nothing to remove\n")
            return
        }
        guard existing.contains(ServiceUnit.marker) else {
            throw CommandFailure(message: "\(unit.path) was not written by provider-sync; not removing it")
        }
        do {
            // What `systemctl --user disable` removes, in case it is not run.
            if platform == .linux {
                let wants = PathParts.parent(unit.path) + "/default.target.wants/" + ServiceUnit.systemdName
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: wants)) == unit.path {
                    try FileManager.default.removeItem(atPath: wants)
                }
            }
            try FileManager.default.removeItem(atPath: unit.path)
        } catch {
            throw CommandFailure(message: "cannot remove \(unit.path): \(systemErrorText(error))")
        }
        Terminal.stdout("removed \(Workstation.display(unit.path))\nif the service is running, stop it with:\n  \(unit.disableCommand)\n")
    }
}
