import Foundation

/// Runs git itself: how the hooks read the index (no libgit2 in them) and find the hooks folder.
public struct GitCommand: Sendable {
    /// The folder git runs in (`git -C`); nil for the current one.
    public var folder: String?

    public init(in folder: String? = nil) {
        self.folder = folder
    }

    /// git's standard output; a failure to start or a non-zero exit throws with what git said.
    public func run(_ arguments: [String], input: [UInt8] = []) throws(GitCommandError) -> [UInt8] {
        let shown = "git " + arguments.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + (folder.map { ["-C", $0] } ?? []) + arguments
        // Standard input and error go through files: a pipe each way could fill while the
        // other is waited on.
        let scratch = NSTemporaryDirectory() + "provider-sync-git-" + UUID().uuidString
        let inputPath = scratch + ".in", errorPath = scratch + ".err"
        defer {
            unlink(inputPath)
            unlink(errorPath)
        }
        guard FileManager.default.createFile(atPath: inputPath, contents: Data(input), attributes: [.posixPermissions: 0o600]),
              FileManager.default.createFile(atPath: errorPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              let inputFile = FileHandle(forReadingAtPath: inputPath), let errorFile = FileHandle(forWritingAtPath: errorPath)
        else {
            throw GitCommandError(command: shown, status: nil, message: "cannot create a temporary file in \(NSTemporaryDirectory())")
        }
        defer {
            try? inputFile.close()
            try? errorFile.close()
        }
        let output = Pipe()
        process.standardInput = inputFile
        process.standardOutput = output
        process.standardError = errorFile
        do {
            try process.run()
        } catch {
            throw GitCommandError(command: shown, status: nil, message: "cannot run git: \(error.localizedDescription)")
        }
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw GitCommandError(command: shown, status: process.terminationStatus,
                                  message: said.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return [UInt8](bytes)
    }

    /// As `run`, the output as text without its final line break.
    public func text(_ arguments: [String]) throws(GitCommandError) -> String {
        String(decoding: try run(arguments), as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}

/// git could not be run, or failed.
public struct GitCommandError: Error, Sendable, CustomStringConvertible {
    public var command: String
    /// The exit status; nil when it did not start.
    public var status: Int32?
    /// What git said on standard error (or why it did not start).
    public var message: String

    public var description: String {
        let said = message.isEmpty ? "" : ": \(message.split(separator: "\n").prefix(3).joined(separator: "; "))"
        return status.map { "\(command) failed (exit \($0))\(said)" } ?? "\(command)\(said)"
    }
}
