internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import JSONCore
internal import OpenCodeLayers

struct AgentStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the agent applied last, what it attempted, its last error, drift, and whether it runs.",
        discussion: "The last applied revision is kept apart from the last attempted one: a bad commit leaves the applied one in force."
    )

    @OptionGroup var configOptions: AgentConfigOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let report = try AgentStatusReader.report(configOptions)
        switch format {
        case .json: Terminal.stdout(JSONWriter.pretty(StatusDocument.json(report.json.objectValue ?? JSONObject())) + "\n")
        case .text: Terminal.stdout(report.text(display: ThisWorkstation.display))
        }
    }
}

/// The agent's report for `agent status` and `status`.
enum AgentStatusReader {
    static func report(_ options: AgentConfigOptions) throws -> AgentReport {
        let file = try options.configFile()
        let files = try options.files()
        var configured = false
        var problem: String?
        var loaded: LoadedAgentConfig?
        do {
            let read = try AgentConfigLoader.load(path: file, locations: ThisWorkstation.locations())
            loaded = read
            configured = true
            if let first = read.diagnostics.first(where: { $0.severity == .error }) {
                problem = "\(first.file):\(first.position.map { "\($0.line):\($0.column)" } ?? ""): \(first.message)"
            }
        } catch where !error.missing {
            configured = true
            problem = error.description
        } catch {}
        var status: AgentStatus
        do {
            // With the drift as the files are now: another apply to a target shows at once.
            status = try AgentStatusStore(files: files).read().withCurrentDrift(state: files.state)
            // And what OpenCode makes of the applied providers now, as `status` shows it.
            status.verdicts = status.currentVerdicts(on: ThisWorkstation.locations(), detector: .system)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        return AgentReport(configFile: file, configured: configured, status: status, presence: AgentInstanceLock.presence(files),
                           configProblem: problem, systemConfigFile: loaded?.layers.first { $0.kind == .system }?.file,
                           settings: loaded?.settings ?? [])
    }

    /// Whether there is an agent to report on: a config, or a status from an earlier one.
    static func exists(_ options: AgentConfigOptions) -> Bool {
        guard let file = try? options.configFile(), let files = try? options.files() else { return false }
        return FileManager.default.fileExists(atPath: file) || AgentStatusStore(files: files).exists
            || ((try? AgentConfigLoader.systemSource(ThisWorkstation.locations())) ?? nil) != nil
    }
}
