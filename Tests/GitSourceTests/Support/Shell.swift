import Foundation
import TestSupport

/// Runs the command-line tools the tests build fixtures with.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "\(command) exited \(status): \(output)" }
    }

    /// The environment for fixture commands: no user or system git config, a fixed identity.
    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_AUTHOR_NAME"] = "Team Admin"
        env["GIT_AUTHOR_EMAIL"] = "admin@example.com"
        env["GIT_COMMITTER_NAME"] = "Team Admin"
        env["GIT_COMMITTER_EMAIL"] = "admin@example.com"
        return env
    }()

    /// The first executable named `name` in PATH or the sbin folders.
    static func which(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in path + ["/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin"] {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: String? = nil, input: Data? = nil,
                    environment: [String: String] = Shell.environment) throws -> String {
        let run = try ProgramRun.run(which(arguments[0]) ?? arguments[0], Array(arguments.dropFirst()), environment: environment,
                                     folder: folder, stdin: input.map { String(decoding: $0, as: UTF8.self) } ?? "", limit: 120)
        let text = run.stdout + run.stderr
        guard run.status == 0, !run.killed else {
            throw Failure(command: arguments.joined(separator: " "), status: run.status, output: text)
        }
        return text
    }
}

/// A temporary folder removed when the test ends.
final class TempFolder {
    let path: String

    init(_ label: String = "gitsource") throws {
        path = try TemporaryFolder(prefix: label).path
    }

    func sub(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String, mode: Int = 0o644) throws {
        try text.write(toFile: sub(name), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: sub(name))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
