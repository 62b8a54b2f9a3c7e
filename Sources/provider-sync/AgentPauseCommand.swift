internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials

struct AgentPauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Suspend the agent: it polls nothing and applies nothing until `agent resume`.",
        discussion: "As Flux's suspend. The reason shows in `agent status`. Works whether or not the agent runs."
    )

    @OptionGroup var configOptions: AgentConfigOptions

    @Option(help: "Why, for whoever reads `agent status` next.")
    var reason: String?

    func run() throws {
        let files = try configOptions.files()
        do {
            try AgentStatusStore(files: files).update { status in
                status.paused = true
                status.pauseReason = reason
                status.pausedAt = Date()
            }
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        // The running agent notices at once (and logs it) instead of at its next poll.
        let pid = try? AgentInstanceLock.signal(files, .hangup)
        Terminal.stdout("paused\(pid.map { " (agent pid \($0) told)" } ?? ""); `provider-sync agent resume` to resume\n")
    }
}
