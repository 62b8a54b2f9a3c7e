import Foundation

/// Tests/ProbeTests/Fixtures/fake_openai.py on 127.0.0.1 with a free port, for one test;
/// killed when the last reference goes.
public final class FakeServer: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ProbeTests/Fixtures/fake_openai.py").path

    let process = Process()
    public let port: Int

    public init(_ arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let data = PipeReading.readSome(out.fileHandleForReading.fileDescriptor)
            if data.isEmpty { break }
            line.append(data)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw SpawnError(description: "fake_openai.py did not start: \(text)")
        }
        self.port = port
    }

    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    deinit {
        // SIGKILL: a SIGTERM can sit blocked in a mask the child inherited.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
