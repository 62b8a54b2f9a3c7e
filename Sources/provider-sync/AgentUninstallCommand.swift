internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import Sync
internal import SystemIO
internal import Workstation

struct AgentUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove the service file written by `agent install` (prints the command that stops the service).",
        discussion: """
            Only a file provider-sync wrote is removed; agent.yaml and the agent's state stay. With \
            --global, the unit for every user is disabled (systemctl --global disable) and removed.
            """
    )

    @OptionGroup var configOptions: AgentConfigOptions
    @OptionGroup var serviceOptions: ServiceOptions

    @Option(help: "linux or macos. Default: this machine's.")
    var platform: Platform = .current

    func run() throws {
        let unit = try ServiceFile.unit(configOptions, serviceOptions, platform: platform)
        guard let existing = try OwnFile.text(unit.path) else {
            Terminal.stdout("no service file at \(ThisWorkstation.display(unit.path)); nothing to remove\n")
            return
        }
        guard existing.contains(ServiceUnit.marker) else {
            throw CommandFailure(message: "\(unit.path) was not written by provider-sync; not removing it")
        }
        if case .global(let root) = unit.scope, platform == .linux {
            // systemctl reads [Install] from the file to know which link to remove: first.
            try ServiceFile.link("disable", systemctl: try ServiceFile.systemctl(), root: root)
        }
        do {
            // What `systemctl --user disable` removes, in case it is not run.
            if unit.scope == .user, let wants = try? ThisWorkstation.locations(platform).serviceLocation().enablementLink {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: wants)) == unit.path {
                    try FileManager.default.removeItem(atPath: wants)
                }
            }
            try FileManager.default.removeItem(atPath: unit.path)
        } catch {
            throw CommandFailure(message: "cannot remove \(unit.path): \(systemErrorText(error))")
        }
        Terminal.stdout("removed \(ThisWorkstation.display(unit.path))\nif the service is running, stop it with:\n  \(unit.disableCommand)\n")
    }
}
