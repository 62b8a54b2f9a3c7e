internal import JSONCore
public import SystemIO

/// Runs git itself: how the hooks read the index (no libgit2 in them) and find the hooks folder.
public struct GitCommand: Sendable {
    /// The folder git runs in (`git -C`); nil for the current one.
    public var folder: String?

    public init(in folder: String? = nil) {
        self.folder = folder
    }

    /// git's standard output; a failure to start or a non-zero exit throws with what git said.
    /// git gets this process's environment: a hook's GIT_DIR and GIT_INDEX_FILE name the index
    /// the commit is made from.
    public func run(_ arguments: [String], input: [UInt8] = []) throws(GitCommandError) -> [UInt8] {
        let shown = "git " + arguments.joined(separator: " ")
        let environment = RunningProcess.environment()
        guard let git = Subprocess.find("git", searchPath: environment["PATH"]) else {
            throw GitCommandError(command: shown, status: nil, message: "git is not installed, or not on PATH")
        }
        let result: Subprocess.Result
        do {
            // No bound on the output: `cat-file --batch` prints every staged spec, each within
            // the spec cap already.
            result = try Subprocess.run(git, (folder.map { ["-C", $0] } ?? []) + arguments, stdin: input, environment: environment,
                                        timeout: nil, outputLimit: .max)
        } catch {
            throw GitCommandError(command: shown, status: nil, message: "", cause: error)
        }
        guard result.status == 0 else {
            throw GitCommandError(command: shown, status: result.status, message: Self.trimmed(result.stderr))
        }
        return result.output
    }

    /// As `run`, the output as text without its final line break.
    public func text(_ arguments: [String]) throws(GitCommandError) -> String {
        var text = String(decoding: try run(arguments), as: UTF8.self)
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// git could not be run, or failed.
public struct GitCommandError: Error, Sendable, CustomStringConvertible {
    public var command: String
    /// The exit status; nil when it did not start.
    public var status: Int32?
    /// What git said on standard error (or that it is not there).
    public var message: String
    /// Why it did not start or finish, as the process layer said it.
    public var cause: SubprocessError?

    public init(command: String, status: Int32?, message: String, cause: SubprocessError? = nil) {
        self.command = command
        self.status = status
        self.message = message
        self.cause = cause
    }

    public var description: String {
        let text = cause.map { "\($0)" } ?? message
        let said = text.isEmpty ? "" : ": \(text.lines(omittingEmpty: true).prefix(3).joined(separator: "; "))"
        return status.map { "\(command) failed (exit \($0))\(said)" } ?? "\(command)\(said)"
    }
}
