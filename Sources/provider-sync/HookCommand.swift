import ArgumentParser
import CLICommon
import FoundationEssentials
import GitSource
import JSONCore
import SystemIO

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Manage the git pre-commit hook that validates staged spec files.",
        subcommands: [HookInstallCommand.self]
    )
}

struct HookInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Write a git pre-commit hook that validates the staged version of the spec files.",
        discussion: """
            The hook checks the text that is staged (not the working copy) of every staged file \
            under the given paths, and blocks the commit when one is invalid. It refuses to \
            replace a different pre-commit hook unless --force.
            """
    )

    @Argument(help: "Spec files or folders the hook checks, relative to the repository root. Default: providers.yaml.")
    var paths: [String] = []

    @Flag(help: "Replace an existing pre-commit hook that this tool did not write.")
    var force = false

    func validate() throws {
        for path in paths {
            if let problem = TreePath.problem(path) {
                throw ValidationError("invalid path '\(path)': \(problem) (paths are relative to the repository's top folder)")
            }
        }
    }

    func run() throws {
        let hooks = try GitHooksFolder.locate()
        let hook = hooks + "/pre-commit"
        let script = PreCommitHook.script(paths: paths.isEmpty ? ["providers.yaml"] : paths, binary: Self.binaryPath())
        if let existing = try OwnFile.text(hook) {
            if existing == script {
                Terminal.stderr("\(hook) is up to date\n")
                return
            }
            if !existing.contains(PreCommitHook.marker) && !force {
                throw CommandFailure(message: "\(hook) already exists and was not written by provider-sync; pass --force to replace it", exitCode: ExitStatus.usage)
            }
        }
        do {
            // Atomic, as every file this tool replaces; 0755 so that git runs it.
            try AtomicFileWriter.write(Array(script.utf8), to: hook, mode: 0o755)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        Terminal.stderr("installed \(hook)\n")
    }

    /// This binary's absolute path, used when provider-sync is not on PATH at commit time.
    static func binaryPath() -> String {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if CommandLine.arguments[0].contains("/") { return own.path }
        return CommandLine.arguments[0]
    }
}

/// Finds the hooks folder of the repository the current folder is in (honours core.hooksPath).
enum GitHooksFolder {
    static func locate() throws -> String {
        let environment = RunningProcess.environment()
        guard let git = Subprocess.find("git", searchPath: environment["PATH"]) else {
            throw CommandFailure(message: "cannot run git: it is not installed (apt install git)")
        }
        let answer: Subprocess.Result
        do {
            answer = try Subprocess.run(git, ["rev-parse", "--path-format=absolute", "--git-path", "hooks"],
                                        environment: environment, timeout: .seconds(30))
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let path = answer.stdout.trimming(while: \.isWhitespace)
        guard answer.status == 0, !path.isEmpty else {
            throw CommandFailure(message: "not inside a git repository (run this from the team repository)")
        }
        return path
    }
}

enum PreCommitHook {
    static let marker = "# provider-sync pre-commit hook"

    static func script(paths: [String], binary: String) -> String {
        let quoted = paths.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
        return """
            #!/bin/sh
            \(marker): validates the staged text of spec files.
            # Written by `provider-sync hook install`; run it again to update.
            PROVIDER_SYNC=${PROVIDER_SYNC:-$(command -v provider-sync || echo '\(binary)')}
            files=$(git diff --cached --name-only --diff-filter=ACMR -- \(quoted)) || exit 2
            status=0
            while IFS= read -r f; do
              case "$f" in *.yaml|*.yml) ;; *) continue ;; esac
              git show ":$f" | "$PROVIDER_SYNC" validate --stdin-name "$f" - || status=1
            done <<EOF
            $files
            EOF
            exit $status

            """
    }
}
