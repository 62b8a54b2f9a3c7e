internal import Agent
import ArgumentParser
internal import CLICommon
import FoundationEssentials

struct AgentRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Follow the branch in the foreground: a cycle now, then one every interval.",
        discussion: """
            Polls with +-10% jitter; after errors the wait doubles, up to 10 intervals or an hour. \
            SIGHUP (or `provider-sync agent reconcile`) runs a cycle now; SIGTERM or SIGINT stop it \
            (a write in progress is finished first; a second signal stops it at once). Logs one line \
            per event on stderr. Never asks a question. One agent per user: a second one exits 2.
            """
    )

    @OptionGroup var configOptions: AgentConfigOptions
    @OptionGroup var logOptions: AgentLogOptions

    func run() throws {
        let files = try configOptions.files()
        let lock = try configOptions.acquireAgentLock(files)
        let config = try configOptions.load()
        let inbox: SignalInbox
        do {
            inbox = try SignalInbox()
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let log = logOptions.logger
        let reconciler = Reconciler(config: config, context: AgentPaths.context(files), log: log)
        let code = AgentLoop(reconciler: reconciler, inbox: inbox, log: log).run()
        withExtendedLifetime(lock) {}
        if code != 0 { throw ExitCode(code) }
    }
}
