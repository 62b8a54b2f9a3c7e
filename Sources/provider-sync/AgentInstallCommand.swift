internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import Sync
internal import SystemIO
internal import Workstation

struct AgentInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Write the user service that runs `agent run`: systemd on Linux, launchd on macOS.",
        discussion: """
            Linux: ~/.config/systemd/user/provider-sync-agent.service; macOS: \
            ~/Library/LaunchAgents/dev.provider-sync.agent.plist. Nothing is started: the command to \
            start it is printed. With --global, for every user: /etc/systemd/user/provider-sync-agent.service, \
            enabled with `systemctl --global enable` (each user's manager starts it at login), or \
            /Library/LaunchAgents/dev.provider-sync.agent.plist. The service starts provider-sync by \
            the path it was run by (or found on PATH), never a resolved one, so it survives an upgrade.
            """
    )

    @OptionGroup var configOptions: AgentConfigOptions
    @OptionGroup var serviceOptions: ServiceOptions

    @Flag(help: "Print the service file instead of writing it.")
    var print = false

    @Flag(help: "Replace a service file that provider-sync did not write.")
    var force = false

    @Flag(help: """
        Linux: also a read-only file system but for the agent's state and its targets' folders \
        (ProtectSystem=strict, PrivateTmp=). Needs unprivileged user namespaces, which Ubuntu 24.04 \
        restricts; the folders must exist (run `agent once` first).
        """)
    var protectSystem = false

    @Option(help: "linux or macos: which service manager to write for. Default: this machine's.")
    var platform: Platform = .current

    func run() throws {
        // A service that fails at once on a missing or invalid agent.yaml helps nobody. A unit
        // for every user runs each user's own agent.yaml: only a --config given is checked.
        let config = serviceOptions.global && configOptions.configPath == nil ? nil : try configOptions.load()
        let targets = config?.targets ?? AgentConfig.defaultTargets
        let unit = try ServiceFile.unit(configOptions, serviceOptions, platform: platform,
                                        writableTargets: protectSystem && platform == .linux ? targets : nil)
        if print {
            Terminal.stdout(unit.text)
            return
        }
        if let existing = try OwnFile.text(unit.path), !existing.contains(ServiceUnit.marker), !force {
            throw CommandFailure(message: "\(unit.path) exists and was not written by provider-sync; not replacing it (pass --force to replace it)")
        }
        switch unit.scope {
        case .user:
            try ServiceFile.write(unit)
            Terminal.stdout("wrote \(ThisWorkstation.display(unit.path))\nstart it now and at every login with:\n  \(unit.enableCommand)\n")
        case .global(let root):
            let systemctl = platform == .linux ? try ServiceFile.systemctl() : nil
            try ServiceFile.write(unit)
            var said = "wrote \(unit.path)\n"
            if let systemctl {
                try ServiceFile.link("enable", systemctl: systemctl, root: root)
                said += "enabled for every user (systemctl --global enable): each user's agent starts at their next login\n"
            } else {
                said += "every user's agent starts at their next login\n"
            }
            Terminal.stdout(said + "a user logged in now starts theirs with:\n  \(unit.enableCommand)\n")
        }
    }
}

/// For whom the service is: this user, or every user (and under which root).
struct ServiceOptions: ParsableArguments {
    @Flag(help: "For every user: /etc/systemd/user (enabled with systemctl --global) or /Library/LaunchAgents.")
    var global = false

    @Option(help: ArgumentHelp(
        "With --global: the folder that stands for / (packagers, tests). Default: $PROVIDER_SYNC_INSTALL_ROOT, else /.",
        valueName: "dir"))
    var root: String?

    func validate() throws {
        if root != nil && !global { throw ValidationError("--root goes with --global") }
    }

    func scope() throws -> ServiceScope {
        guard global else { return .user }
        return .global(root: try ThisWorkstation.absolute(root ?? Environment.process()[.installRoot] ?? "/"))
    }
}

enum ServiceFile {
    /// - Parameter writableTargets: the targets whose folders stay writable under the opt-in
    ///   read-only file system; nil leaves that out.
    static func unit(_ options: AgentConfigOptions, _ service: ServiceOptions, platform: Platform,
                     writableTargets: [Target]? = nil) throws -> ServiceUnit {
        let scope = try service.scope()
        let locations = ThisWorkstation.locations(platform)
        do {
            // --config only when it is not where the agent looks anyway; each user's own for a
            // unit every user runs.
            let configFile: String?
            if scope == .user {
                let file = try options.configFile()
                let standard = try? locations.agentConfigFile()
                configFile = file == standard ? nil : file
            } else {
                configFile = try options.configPath.map(ThisWorkstation.absolute)
            }
            let writable = writableTargets.map { ServiceWritePaths.make(targets: $0, environment: locations.environment, scope: scope) }
            return try ServiceUnit.make(locations: locations, binary: InvokedProgram.path(), configFile: configFile,
                                        scope: scope, writablePaths: writable)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    /// Mode 0644 (the service manager reads it); the folders of a global one 0755.
    static func write(_ unit: ServiceUnit) throws {
        do {
            if case .global = unit.scope {
                try FileManager.default.createDirectory(atPath: ThisWorkstation.locations().parent(of: unit.path), withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o755])
            }
            try AtomicFileWriter.write(Array(unit.text.utf8), to: unit.path, mode: 0o644)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    static func systemctl() throws -> String {
        do {
            return try GlobalServiceLink.systemctl(environment: Environment.process().values)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    static func link(_ verb: String, systemctl: String, root: String) throws {
        do {
            try GlobalServiceLink.run(verb, systemctl: systemctl, root: root, environment: Environment.process().values)
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
