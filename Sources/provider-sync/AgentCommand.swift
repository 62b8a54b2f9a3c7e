import ArgumentParser
internal import CLICommon

struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Follow a branch of the team repository and apply each good commit on this workstation.",
        discussion: """
            `agent init` writes agent.yaml (~/.config/provider-sync/agent.yaml on Linux); `agent run` \
            keeps following the branch (as a user service: `agent install`); `agent once` runs one \
            cycle. Each new commit is one transaction: verify the signature (if configured), read \
            the spec from the commit, validate, read keychain keys, render, merge, write. Any failure \
            writes nothing and the last applied commit stays in force; `agent status` says why. \
            Exit codes: 0 success (applied or up to date), 1 the revision failed a check (invalid \
            spec, unverified commit, missing keychain key), 2 error (git host unreachable, invalid \
            agent.yaml, another agent running, usage).
            """,
        subcommands: [
            AgentInitCommand.self, AgentRunCommand.self, AgentOnceCommand.self, AgentStatusCommand.self,
            AgentReconcileCommand.self, AgentPauseCommand.self, AgentResumeCommand.self,
            AgentInstallCommand.self, AgentUninstallCommand.self,
        ]
    )
}
