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

/// Runs `executable` with exactly `environment` (nothing inherited) in `folder` and waits for it,
/// reading both pipes. Standard input is /dev/null, or with `stdin` a pipe that gets that text
/// and is closed.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String],
                folder: String, stdin: String? = nil) throws -> CLI.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = stdin.map { _ in Pipe() }
    process.standardInput = input ?? FileHandle.nullDevice
    try process.run()
    if let stdin, let input {
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
    }
    // Read both pipes concurrently so a full pipe never blocks the child.
    let outData = Locked<Data>(Data()), errData = Locked<Data>(Data())
    Thread { outData.set(out.fileHandleForReading.readDataToEndOfFile()) }.start()
    Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }.start()
    // A command that hangs, or leaves a process behind that holds its output open, fails its
    // test naming the command, instead of holding the whole run until CI's own limit.
    let command = ([executable] + arguments).joined(separator: " ")
    let deadline = Date().addingTimeInterval(Double(CLI.deadlineSeconds))
    let finished = Locked<Bool>(false), killed = Locked<Bool>(false)
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(CLI.deadlineSeconds)) {
        guard !finished.value else { return }
        killed.set(true)
        kill(pid, SIGKILL)
    }
    process.waitUntilExit()
    finished.set(true)
    if killed.value { throw CLI.Stuck(command: command, reason: "still running after \(CLI.deadlineSeconds) s, killed") }
    while !(outData.isSet && errData.isSet) {
        guard Date() < deadline else { throw CLI.Stuck(command: command, reason: "exited, but a process it left behind holds its output open") }
        usleep(1000)
    }
    return CLI.Result(status: process.terminationStatus, stdout: String(decoding: outData.value, as: UTF8.self),
                      stderr: String(decoding: errData.value, as: UTF8.self))
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
