import Foundation
import TestSupport

/// Runs the built `provider-sync` binary as a user would: a real process, real files.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits next to the test bundle in the build folder.
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["PROVIDER_SYNC_BIN"] { return explicit }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("provider-sync").path
    }()

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The longest a command may run in a test; the slowest (an agent cycle against a git
    /// server that times out) take seconds.
    static let deadlineSeconds = 300

    /// A command a test ran did not come to an end.
    struct Stuck: Error, CustomStringConvertible {
        var command: String
        var reason: String
        var description: String { "\(reason): \(command)" }
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: String? = nil, stdin: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        try run(executable: binary, arguments, in: folder, stdin: stdin, environment: environment)
    }

    static func run(executable: String, _ arguments: [String], in folder: String? = nil, stdin: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        // Standard input is a pipe here even with nothing to say: written to, then closed.
        return try runProcess(executable, arguments, environment: env, folder: folder ?? repository, stdin: stdin ?? "")
    }
}

/// Runs `executable` with exactly `environment` (nothing inherited) in `folder` and waits for it
/// (TestSupport's `ProgramRun`). A command still running after `CLI.deadlineSeconds`, or one
/// that leaves a process behind holding its output open, fails its test naming the command
/// instead of holding the whole run until CI's own limit.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String],
                folder: String, stdin: String? = nil) throws -> CLI.Result {
    let run = try ProgramRun.run(executable, arguments, environment: environment, folder: folder, stdin: stdin,
                                 limit: Double(CLI.deadlineSeconds))
    let command = ([executable] + arguments).joined(separator: " ")
    if run.killed { throw CLI.Stuck(command: command, reason: "still running after \(CLI.deadlineSeconds) s, killed") }
    if run.outputHeldOpen { throw CLI.Stuck(command: command, reason: "exited, but a process it left behind holds its output open") }
    return CLI.Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
}

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    private var done = false

    init(_ value: Value) { stored = value }

    func set(_ value: Value) {
        lock.lock()
        stored = value
        done = true
        lock.unlock()
    }

    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> String {
    try TemporaryFolder(prefix: "provider-sync-test").path
}
