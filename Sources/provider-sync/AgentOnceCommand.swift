internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials

struct AgentOnceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "once",
        abstract: "Run one cycle: poll the branch, apply a new commit, check drift when due.",
        discussion: """
            Exit codes: 0 applied or up to date (or paused), 1 the revision failed a check (invalid \
            spec, unverified commit, missing keychain key) or a target file needs a person, 2 error \
            (git host unreachable, invalid agent.yaml, another agent running).
            """
    )

    @OptionGroup var configOptions: AgentConfigOptions
    @OptionGroup var logOptions: AgentLogOptions

    func run() throws {
        let files = try configOptions.files()
        let lock = try configOptions.acquireAgentLock(files)
        let config = try configOptions.load()
        let inbox = try? SignalInbox()
        let reconciler = Reconciler(config: config, context: AgentPaths.context(files), log: logOptions.logger)
        let report = reconciler.cycle { inbox?.stopRequested != nil }
        withExtendedLifetime(lock) {}
        switch report.outcome {
        case .applied(let revision): Terminal.stdout("applied \(revision.prefix(12))\n")
        case .upToDate(let revision): Terminal.stdout("up to date at \(revision.prefix(12))\n")
        case .paused(let reason): Terminal.stdout("paused (\(reason ?? "no reason given")); nothing done\n")
        case .interrupted: Terminal.stdout("stopped before writing\n")
        case .driftOnly: break
        case .failed(let failure):
            Terminal.error("\(failure.reason.isStalling ? "not applied" : "failed") (\(failure.stage.rawValue)): \(failure.message)")
        }
        if let drift = report.driftFailure { Terminal.error("drift check failed (\(drift.stage.rawValue)): \(drift.message)") }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
