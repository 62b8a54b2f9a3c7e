import Foundation

/// A checkout of a team repository for the hook tests: a git repository in a sandbox's work
/// folder, git run with the sandbox's environment (no user or system git config) and an
/// identity for commits.
final class TeamCheckout {
    let sandbox: Sandbox

    init(_ sandbox: Sandbox) throws {
        self.sandbox = sandbox
        let made = try git("init", "-q", "-b", "main")
        guard made.status == 0 else { throw SandboxError("git init: \(made.stderr)") }
    }

    var path: String { sandbox.work }

    var environment: [String: String] {
        sandbox.environment.merging([
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Team", "GIT_AUTHOR_EMAIL": "team@example.com",
            "GIT_COMMITTER_NAME": "Team", "GIT_COMMITTER_EMAIL": "team@example.com",
        ]) { $1 }
    }

    /// git in the checkout; its result whatever the exit status.
    @discardableResult
    func git(_ arguments: String..., environment extra: [String: String] = [:]) throws -> CLI.Result {
        try runProcess("/usr/bin/git", arguments, environment: environment.merging(extra) { $1 }, folder: path)
    }

    /// provider-sync in the checkout.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> CLI.Result {
        try runProcess(CLI.binary, arguments, environment: environment.merging(extra) { $1 }, folder: path)
    }

    /// Writes (or with nil removes) files of the working copy.
    func write(_ files: [String: String?]) throws {
        for (relative, text) in files {
            if let text { try sandbox.write(text, to: relative) } else { try FileManager.default.removeItem(atPath: path + "/" + relative) }
        }
    }

    /// Writes the files, stages everything and commits: the commit's result (a hook's output is on stderr).
    @discardableResult
    func commit(_ files: [String: String?], message: String = "change", environment extra: [String: String] = [:]) throws -> CLI.Result {
        try write(files)
        try git("add", "-A")
        return try git("commit", "-q", "-m", message, environment: extra)
    }
}
