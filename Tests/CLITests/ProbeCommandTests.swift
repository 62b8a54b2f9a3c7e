import Foundation
import Testing

/// `provider-sync probe` and `models` as a user runs them, against the fake OpenAI server.
@Suite struct ProbeCommandTests {
    static let key = "sk-probe-cli-SECRET-4242"

    /// ../ProbeTests/Fixtures/fake_openai.py on a free port; killed when the test ends.
    final class Fake: @unchecked Sendable {
        let process = Process()
        let port: Int

        init(_ arguments: [String]) throws {
            var script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            script.appendPathComponent("ProbeTests/Fixtures/fake_openai.py")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path] + arguments
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let data = out.fileHandleForReading.availableData
                if data.isEmpty { break }
                line.append(data)
            }
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            port = Int(text.dropFirst(5)) ?? 0
        }

        deinit {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
    }

    func spec(port: Int, models: [String] = ["fake-small"]) -> String {
        """
        version: 1
        providers:
          fake:
            name: Fake
            url: http://127.0.0.1:\(port)/v1
            apiKey: { env: PROBE_KEY }
            models:
        \(models.map { "      - id: \($0)" }.joined(separator: "\n"))

        """
    }

    func run(_ arguments: [String], spec: String, key: String?) throws -> CLI.Result {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write(spec, to: "providers.yaml")
        return try sandbox.run(arguments + [path], extra: ["PROBE_KEY": key])
    }

    @Test func healthyProviderExitsZeroAndNeverPrintsTheKey() throws {
        let fake = try Fake(["--key", Self.key])
        for format in ["text", "json"] {
            let result = try run(["probe", "--timeout", "5", "--format", format], spec: spec(port: fake.port), key: Self.key)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.key))
        }
    }

    @Test func keyEchoedByTheServerIsMasked() throws {
        // The fake echoes the key it was sent in its 401 message.
        let fake = try Fake(["--key", "the-right-key-0000"])
        for format in ["text", "json"] {
            let result = try run(["probe", "--timeout", "5", "--format", format], spec: spec(port: fake.port), key: Self.key)
            #expect(result.status == 1)
            #expect(!(result.stdout + result.stderr).contains(Self.key), "\(result.stdout)")
            #expect(result.stdout.contains("********"))
        }
    }

    @Test func missingKeyFailsWithTheReason() throws {
        let fake = try Fake(["--key", Self.key])
        let result = try run(["probe", "--timeout", "5"], spec: spec(port: fake.port), key: nil)
        #expect(result.status == 1)
        #expect(result.stdout.contains("PROBE_KEY is not set"), "\(result.stdout)")
    }

    @Test func wrongModelFailsAndNamesTheServedOne() throws {
        let fake = try Fake([])
        let result = try run(["probe", "--timeout", "5", "--no-tools"], spec: spec(port: fake.port, models: ["fake-smal"]), key: nil)
        #expect(result.status == 1)
        #expect(result.stdout.contains("closest served: fake-small"))
    }

    @Test func usageErrorsExitTwo() throws {
        let fake = try Fake([])
        #expect(try run(["probe", "--provider", "nope"], spec: spec(port: fake.port), key: nil).status == 2)
        #expect(try run(["probe", "--format", "xml"], spec: spec(port: fake.port), key: nil).status == 2)
        #expect(try run(["probe", "--timeout", "0"], spec: spec(port: fake.port), key: nil).status == 2)
    }

    @Test func modelsPrintsABlockToPaste() throws {
        let fake = try Fake(["--models", "alpha,qwen2.5:7b"])
        let result = try run(["models", "fake"], spec: spec(port: fake.port), key: nil)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "models:\n  - id: alpha\n  - id: \"qwen2.5:7b\"\n")
    }

    @Test func modelsOfAnUnreachableProviderExitsOne() throws {
        let result = try run(["models", "fake", "--timeout", "2"], spec: spec(port: 1), key: nil)
        #expect(result.status == 1)
        #expect(result.stderr.contains("refused"))
    }
}
