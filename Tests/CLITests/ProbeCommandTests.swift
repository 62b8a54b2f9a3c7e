import Foundation
import TestSupport
import Testing

/// `provider-sync probe` and `models` as a user runs them, against the fake OpenAI server.
@Suite struct ProbeCommandTests {
    static let key = "sk-probe-cli-SECRET-4242"

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
        let fake = try FakeServer(["--key", Self.key])
        for format in ["text", "json"] {
            let result = try run(["probe", "--timeout", "5", "--format", format], spec: spec(port: fake.port), key: Self.key)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.key))
        }
    }

    @Test func keyEchoedByTheServerIsMasked() throws {
        // The fake echoes the key it was sent in its 401 message.
        let fake = try FakeServer(["--key", "the-right-key-0000"])
        for format in ["text", "json"] {
            let result = try run(["probe", "--timeout", "5", "--format", format], spec: spec(port: fake.port), key: Self.key)
            #expect(result.status == 1)
            #expect(!(result.stdout + result.stderr).contains(Self.key), "\(result.stdout)")
            #expect(result.stdout.contains("********"))
        }
    }

    @Test func missingKeyFailsWithTheReason() throws {
        let fake = try FakeServer(["--key", Self.key])
        let result = try run(["probe", "--timeout", "5"], spec: spec(port: fake.port), key: nil)
        #expect(result.status == 1)
        #expect(result.stdout.contains("PROBE_KEY is not set"), "\(result.stdout)")
    }

    @Test func wrongModelFailsAndNamesTheServedOne() throws {
        let fake = try FakeServer([])
        let result = try run(["probe", "--timeout", "5", "--no-tools"], spec: spec(port: fake.port, models: ["fake-smal"]), key: nil)
        #expect(result.status == 1)
        #expect(result.stdout.contains("closest served: fake-small"))
    }

    @Test func serverThatNeverAnswersIsBoundedByTheTimeout() throws {
        let fake = try FakeServer(["--mode", "silent"])
        let start = ContinuousClock.now
        let result = try run(["probe", "--timeout", "1"], spec: spec(port: fake.port), key: nil)
        let elapsed = ContinuousClock.now - start
        #expect(result.status == 1)
        #expect(result.stdout.contains("no answer within 1 s"), "\(result.stdout)")
        // One bound of 1 s (later checks are skipped), plus start-up; generous for a loaded machine.
        #expect(elapsed < .seconds(8), "took \(elapsed)")
    }

    @Test func providersAreProbedConcurrently() throws {
        // Each stream takes 8 x 0.4 s = 3.2 s; four one after another would take 12.8 s or more.
        let fakes = try (0..<4).map { _ in try FakeServer(["--chunk-delay", "0.4"]) }
        let providers = fakes.enumerated().map { index, fake in
            """
              p\(index):
                name: P\(index)
                url: http://127.0.0.1:\(fake.port)/v1
                models:
                  - id: fake-small
            """
        }
        let start = ContinuousClock.now
        let result = try run(["probe", "--no-tools", "--concurrency", "4", "--format", "json"],
                             spec: "version: 1\nproviders:\n" + providers.joined(separator: "\n") + "\n", key: nil)
        let elapsed = ContinuousClock.now - start
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test func helpOfProbeAndModelsListsTheProbesOptions() throws {
        let probe = try CLI.run(["probe", "--help"])
        #expect(probe.status == 0)
        #expect(probe.stdout.contains("--no-tools") && probe.stdout.contains("--ca-file"), "\(probe.stdout)")
        let models = try CLI.run(["models", "--help"])
        #expect(models.status == 0)
        #expect(models.stdout.contains("The provider id in the spec"), "\(models.stdout)")
    }

    /// provider-sync alone (copied where provider-sync-probe is not, PATH without it).
    @Test func missingProbeProgramIsSaid() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let lonely = sandbox.root + "/provider-sync"
        try copyExecutable(CLI.binary, to: lonely)
        let result = try CLI.run(executable: lonely, ["probe"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("provider-sync-probe is not installed next to provider-sync or in PATH"), "\(result.stderr)")
    }

    /// The probe program reads no spec and no keychain: provider-sync resolves the keys and
    /// sends the targets on its standard input, so it links neither libyaml nor libsecret
    /// (nor libgit2), and a run costs none of their start-up.
    @Test func probeProgramLinksNoSpecOrKeychainLibrary() throws {
        let probe = (CLI.binary as NSString).deletingLastPathComponent + "/provider-sync-probe"
        let linked = try runProcess("/usr/bin/ldd", [probe], environment: ["PATH": "/usr/bin:/bin"], folder: "/")
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(linked.stdout.contains("libc.so"))
        for library in ["libyaml", "libsecret", "libgit2", "libglib"] {
            #expect(!linked.stdout.contains(library), "\(library) in \(linked.stdout)")
        }
    }

    /// Its standard input is the wire format: anything else is a clear error, exit 2.
    @Test func probeProgramRefusesWhatIsNotTargets() throws {
        let probe = (CLI.binary as NSString).deletingLastPathComponent + "/provider-sync-probe"
        let result = try runProcess(probe, ["probe"], environment: ["PATH": "/usr/bin:/bin"], folder: "/", stdin: "version: 1\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("standard input is not a JSON array of probe targets: not JSON"), "\(result.stderr)")
    }

    @Test func usageErrorsExitTwo() throws {
        let fake = try FakeServer([])
        #expect(try run(["probe", "--provider", "nope"], spec: spec(port: fake.port), key: nil).status == 2)
        #expect(try run(["probe", "--format", "xml"], spec: spec(port: fake.port), key: nil).status == 2)
        #expect(try run(["probe", "--timeout", "0"], spec: spec(port: fake.port), key: nil).status == 2)
    }

    @Test func modelsPrintsABlockToPaste() throws {
        let fake = try FakeServer(["--models", "alpha,qwen2.5:7b"])
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
