internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import SystemIO

struct AgentReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Make the running agent run a cycle now (sends it SIGHUP).",
        discussion: "With --wait, waits for that cycle and exits as `agent once` would: 0, 1 or 2."
    )

    @OptionGroup var configOptions: AgentConfigOptions

    @Flag(help: "Wait for the cycle to finish and report its outcome.")
    var wait = false

    @Option(help: "Seconds to wait with --wait.")
    var timeout: Int = 120

    func run() throws {
        let files = try configOptions.files()
        let store = AgentStatusStore(files: files)
        let sent = Date()
        let pid: Int32
        do {
            pid = try AgentInstanceLock.signal(files, .hangup)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        Terminal.stdout("asked the agent (pid \(pid)) to reconcile now\n")
        guard wait else { return }
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        while Date() < deadline {
            RunningProcess.pause(.milliseconds(100))
            guard let status = try? store.read() else { continue }
            if status.paused {
                Terminal.stdout("the agent is paused (\(status.pauseReason ?? "no reason given")); nothing done\n")
                return
            }
            guard let ended = status.lastCycleAt, ended >= sent else { continue }
            if let error = status.lastError, error.at >= sent {
                Terminal.error("\(error.kind == .rejected ? "not applied" : "failed") (\(error.stage)): \(error.message)")
                throw ExitCode(error.kind == .rejected ? ExitStatus.failed : ExitStatus.usage)
            }
            Terminal.stdout("applied revision: \(status.lastAppliedRevision.map { String($0.prefix(12)) } ?? "none")\n")
            return
        }
        throw CommandFailure(message: "the agent did not finish a cycle within \(timeout) s")
    }
}
