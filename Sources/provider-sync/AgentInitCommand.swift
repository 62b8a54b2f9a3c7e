internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import JSONCore
internal import Sync
internal import SystemIO
internal import Workstation

struct AgentInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write agent.yaml: which repository, branch and spec path this workstation follows.",
        discussion: """
            Refuses to replace an existing file unless --force. The file is checked against the \
            agent schema before it is written; anything not given keeps its default and is written \
            as a comment. Paths given here are made absolute. Settings not given here come from the \
            system-wide agent.yaml when there is one (/etc/provider-sync/agent.yaml): --url may be \
            left to it.
            """
    )

    @OptionGroup var configOptions: AgentConfigOptions

    @Option(help: "The team repository: https://, ssh://, user@host:path, git://, file:// or a local path. May be left to the system-wide agent.yaml.")
    var url: String?

    @Option(help: "The branch to follow. Default: main.")
    var branch: String?

    @Option(help: "The spec file in the repository, or a folder of *.yaml merged in name order. Default: providers.yaml.")
    var path: String?

    @Option(name: .customLong("target"), help: ArgumentHelp("\(TargetName.choicesMarkingDefault) or a file path; repeat for several.", valueName: "target"))
    var targets: [String] = []

    @Option(help: "How often to poll, e.g. 30s, 5m, 1h. Default: 5m.")
    var interval: String?

    @Option(help: "How often to check for hand edits and rotated keys. Default: 30m.")
    var driftInterval: String?

    @Option(help: "reapply (default) or report: what to do with owned keys edited by hand.")
    var onDrift: String?

    @Flag(help: "Probe the providers after each apply and on the drift interval; results in `agent status`.")
    var healthCheck = false

    @Option(help: "inline or file: overrides the spec's `secrets`.")
    var secrets: String?

    @Option(help: "Apply only commits whose SSH signature verifies against this allowed_signers file.")
    var allowedSigners: String?

    @Option(help: "Apply only commits whose OpenPGP signature verifies against this keyring file.")
    var gpgKeyring: String?

    @Option(help: "https: the keychain secret holding a token (store it with `provider-sync secret set NAME`).")
    var tokenKeyring: String?

    @Option(help: "The user name sent with the token or over ssh.")
    var username: String?

    @Option(help: "ssh: a private key file (ed25519 or ECDSA).")
    var sshKey: String?

    @Flag(help: "ssh: use the keys of the running ssh-agent.")
    var sshAgent = false

    @Option(help: "https: a PEM file of certificate authorities to trust.")
    var caFile: String?

    @Option(help: "ssh: the known_hosts file to check the server's key against. Default: ~/.ssh/known_hosts.")
    var knownHosts: String?

    @Option(help: ArgumentHelp("Write Prometheus metrics here after every cycle (node_exporter's textfile collector: a *.prom file in its folder).",
                               valueName: "path"))
    var metricsFile: String?

    @Flag(help: "Replace an existing agent.yaml.")
    var force = false

    func run() throws {
        let file = try configOptions.configFile()
        if !force, FileManager.default.fileExists(atPath: file) {
            throw CommandFailure(message: "\(file) already exists; not overwriting it (pass --force to replace it)")
        }
        let text = try template().text
        // Checked before it is written, over the system-wide defaults as the agent reads it: a
        // file that would not load is never left behind.
        let locations = ThisWorkstation.locations()
        let system: AgentConfigSource?
        do {
            system = try AgentConfigLoader.systemSource(locations)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let checked = AgentConfigLoader.load([system, AgentConfigSource(kind: .user, file: file, bytes: Array(text.utf8))].compactMap { $0 },
                                             userFile: file, locations: locations)
        AgentPaths.print(checked)
        guard checked.config != nil else {
            throw CommandFailure(message: "these settings do not make a valid agent.yaml; nothing was written")
        }
        do {
            try AtomicFileWriter.write(Array(text.utf8), to: file, mode: 0o600)
            let written = try AgentConfigLoader.load(path: file, locations: ThisWorkstation.locations())
            guard written.config != nil else { throw CommandFailure(message: "\(file) was written but does not read back as valid") }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        Terminal.stdout("wrote \(ThisWorkstation.display(file))\n")
        Terminal.stderr("next: `provider-sync agent once` to apply the branch now, `provider-sync agent install` to keep following it\n")
    }

    private func template() throws -> AgentConfigTemplate {
        var t = AgentConfigTemplate(url: url)
        t.branch = branch
        t.path = path
        if let tokenKeyring { t.auth.append(("keyring", .string(tokenKeyring))) }
        if let sshKey { t.auth.append(("sshKey", .string(try ThisWorkstation.absolute(sshKey)))) }
        if sshAgent { t.auth.append(("sshAgent", .bool(true))) }
        if let username { t.auth.append(("username", .string(username))) }
        t.allowedSigners = try allowedSigners.map(ThisWorkstation.absolute)
        t.gpgKeyring = try gpgKeyring.map(ThisWorkstation.absolute)
        t.caFile = try caFile.map(ThisWorkstation.absolute)
        t.knownHosts = try knownHosts.map(ThisWorkstation.absolute)
        t.interval = interval
        t.driftInterval = driftInterval
        t.targets = try targets.compactMap(Target.init(parsing:)).map { target in
            do {
                return try ThisWorkstation.locations().resolving(target).description
            } catch {
                throw CommandFailure(message: "\(error)")
            }
        }
        t.secrets = secrets
        t.onDrift = onDrift
        t.healthCheck = healthCheck
        t.metricsFile = try metricsFile.map(ThisWorkstation.absolute)
        return t
    }
}
