internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials

struct AgentResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a paused agent; a running one runs a cycle at once."
    )

    @OptionGroup var configOptions: AgentConfigOptions

    func run() throws {
        let files = try configOptions.files()
        var was = false
        do {
            try AgentStatusStore(files: files).update { status in
                was = status.paused
                status.paused = false
                status.pauseReason = nil
                status.pausedAt = nil
            }
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let pid = try? AgentInstanceLock.signal(files, .hangup)
        Terminal.stdout("\(was ? "resumed" : "not paused")\(pid.map { " (agent pid \($0) runs a cycle now)" } ?? "")\n")
    }
}
