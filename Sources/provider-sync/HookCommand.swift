import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import GitSource
internal import SpecSource
internal import SystemIO

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Manage the git pre-commit hook that validates the spec as it will be committed.",
        subcommands: [HookInstallCommand.self]
    )
}

struct HookInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Write a git pre-commit hook that validates the spec as it will be committed.",
        discussion: """
            When a commit changes a spec path, the hook reads each path as the commit will hold \
            it (the staged versions, through git itself), a folder as one spec, and blocks the \
            commit when it is invalid. The hook names this program by an absolute path (a git GUI \
            may run hooks with a minimal PATH). A pre-commit hook this tool did not write is \
            refused (exit 2) unless --force, which keeps it as pre-commit.provider-sync-previous \
            and runs it first.
            """
    )

    @Argument(help: "Spec files or folders the hook checks, relative to the repository root. Default: providers.yaml.")
    var paths: [String] = []

    @Flag(help: "Replace a pre-commit hook this tool did not write; it is kept beside it and runs first.")
    var force = false

    func validate() throws {
        for path in paths {
            if let problem = TreePath.problem(path) {
                throw ValidationError("invalid path '\(path)': \(problem) (paths are relative to the repository's top folder)")
            }
        }
    }

    func run() throws {
        let git = GitCommand()
        let hooks: String
        do {
            hooks = try git.text(["rev-parse", "--path-format=absolute", "--git-path", "hooks"])
        } catch {
            throw CommandFailure(message: "not inside a git repository (run this from the team repository): \(error)")
        }
        let hook = hooks + "/pre-commit", previous = hook + PreCommitHook.previousSuffix
        let binary = HookBinary.path()
        let existing = try OwnFile.text(hook)
        let replacing = existing.map { !$0.contains(PreCommitHook.marker) } ?? false
        if replacing && !force {
            throw CommandFailure(message: "\(hook) already exists and was not written by provider-sync; pass --force to keep it as \(previous) and run it before the check",
                                 exitCode: ExitStatus.usage)
        }
        if replacing, FileManager.default.fileExists(atPath: previous) {
            throw CommandFailure(message: "\(previous) already exists: move it away (or merge it into \(hook)) and run hook install again",
                                 exitCode: ExitStatus.usage)
        }
        let chains = replacing || FileManager.default.fileExists(atPath: previous)
        let script = PreCommitHook.script(paths: paths.isEmpty ? ["providers.yaml"] : paths, binary: binary.path, chainsPrevious: chains)
        if let warning = binary.warning { Terminal.warning(warning) }
        if let scope = HooksPathScope.warning(git) { Terminal.warning(scope) }
        if existing == script {
            Terminal.stderr("\(hook) is up to date\n")
            return
        }
        try install(script, at: hook, keeping: replacing ? previous : nil)
        Terminal.stderr("installed \(hook) (runs \(binary.path))\n")
        if replacing { Terminal.stderr("the hook that was there is kept as \(previous) and runs first\n") }
    }

    /// Writes the hook atomically (as every file this tool replaces; 0755 so that git runs it);
    /// a foreign hook is moved aside first, and put back when the new one cannot be written.
    private func install(_ script: String, at hook: String, keeping previous: String?) throws {
        if let previous {
            do {
                try FileSystem.move(hook, to: previous)
            } catch {
                throw CommandFailure(message: "\(hook): could not move it to \(previous) (\(error.reason))")
            }
        }
        do {
            try AtomicFileWriter.write(Array(script.utf8), to: hook, mode: 0o755)
        } catch {
            if let previous { try? FileSystem.move(previous, to: hook) }
            throw CommandFailure(message: "\(error)")
        }
    }
}

/// The program a hook runs: this one, by the path it was invoked by (`InvokedProgram`), which
/// stays valid across upgrades; a warning when it was run by a name not on PATH.
enum HookBinary {
    static func path() -> (path: String, warning: String?) {
        if let found = InvokedProgram.find() { return (found, nil) }
        let own = InvokedProgram.path(), name = CommandLine.arguments.first ?? ""
        return (own, "\(name) was not found on PATH; the hook runs \(own), which an upgrade may move: run hook install again after one")
    }
}

/// Where `core.hooksPath` is set: outside this repository it makes the hook run in every
/// repository that uses that folder.
enum HooksPathScope {
    static func warning(_ git: GitCommand) -> String? {
        guard let line = try? git.text(["config", "--show-scope", "--get", "core.hooksPath"]), !line.isEmpty else { return nil }
        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "global" || parts[0] == "system" else { return nil }
        return "core.hooksPath is set in your \(parts[0]) git config (\(parts[1])): this hook will run in every repository that uses that folder"
    }
}

enum PreCommitHook {
    static let marker = "# provider-sync pre-commit hook"
    /// The name a foreign hook is kept under, next to the new one.
    static let previousSuffix = ".provider-sync-previous"

    static func script(paths: [String], binary: String, chainsPrevious: Bool) -> String {
        let quoted = paths.map(quote).joined(separator: " ")
        let previous = chainsPrevious ? """
            # The hook that was here before `hook install --force`: it runs first.
            previous="$(dirname "$0")/pre-commit\(previousSuffix)"
            if [ -x "$previous" ]; then "$previous" "$@" || exit $?; fi

            """ : ""
        return """
            #!/bin/sh
            \(marker): validates the spec as the commit will hold it (the staged files).
            # Written by `provider-sync hook install`; run it again to update.
            \(previous)expected=\(quote(binary))
            PROVIDER_SYNC=${PROVIDER_SYNC:-$expected}
            if [ ! -x "$PROVIDER_SYNC" ]; then
              PROVIDER_SYNC=$(command -v provider-sync) || {
                echo "provider-sync pre-commit hook: $expected is not there and provider-sync is not on PATH; install it, or run 'provider-sync hook install' again" >&2
                exit 2
              }
            fi
            # The spec paths this commit changes, each checked whole as the commit will hold it.
            set --
            for path in \(quoted); do
              git diff --cached --quiet -- "$path"
              case $? in 0) ;; 1) set -- "$@" "$path" ;; *) exit 2 ;; esac
            done
            [ $# -eq 0 ] && exit 0
            exec "$PROVIDER_SYNC" validate --staged -- "$@"

            """
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
