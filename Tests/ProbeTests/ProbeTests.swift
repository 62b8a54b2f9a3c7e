import Foundation
import JSONCore
@testable import Probe
import ProbeWire
import TestSupport
import Testing

/// The probe against Tests/ProbeTests/Fixtures/fake_openai.py on 127.0.0.1.
@Suite struct ProbeFakeServerTests {
    let key = "sk-fake-probe-0123456789"

    func probe(_ target: ProbeTarget, timeout: Double = 5, tools: Bool = true, caFile: String? = nil) async throws -> ProviderResult {
        let report = try await Prober(settings: ProbeSettings(timeout: timeout, tools: tools, caFile: caFile)).probe([target])
        return try #require(report.providers.first)
    }

    func status(_ result: ProviderResult, _ model: String, _ check: Check) -> CheckStatus? {
        result.models.first { $0.id == model }?.result(check)?.status
    }

    @Test func healthyServerPassesEveryCheck() async throws {
        let server = try FakeServer(["--key", key])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, apiKey: key, models: ["fake-small"]))
        #expect(!result.failed, "\(ProbeText.render(result))")
        #expect(result.served == ["fake-small", "fake-large"])
        for check in [Check.served, .chat, .stream, .tools] {
            #expect(status(result, "fake-small", check) == .pass, "\(check): \(ProbeText.render(result))")
        }
        #expect(result.result(.reachable)?.status == .pass)
    }

    @Test func wrongModelIDNamesTheClosestServedOne() async throws {
        let server = try FakeServer()
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-smal"]), tools: false)
        let served = try #require(result.models.first?.result(.served))
        #expect(served.status == .fail)
        #expect(served.summary.contains("closest served: fake-small"))
        #expect(status(result, "fake-smal", .chat) == .fail)
        #expect(result.failed)
    }

    @Test func missingKeyIsAnAuthProblemWithTheReason() async throws {
        let server = try FakeServer(["--key", key])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, apiKey: nil,
                                                 missingKeyReason: "the keychain holds no value for fake-key", models: ["fake-small"]))
        let models = try #require(result.result(.models))
        #expect(models.status == .fail)
        #expect(models.summary.contains("401"))
        #expect(models.fix?.contains("the keychain holds no value for fake-key") == true)
        #expect(status(result, "fake-small", .chat) == .skip)
    }

    @Test func wrongKeyIsAnAuthProblem() async throws {
        let server = try FakeServer(["--key", key])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, apiKey: "sk-wrong-one", models: ["fake-small"]))
        #expect(result.result(.models)?.status == .fail)
        #expect(result.result(.models)?.fix?.contains("Authorization: Bearer") == true)
    }

    @Test func bufferingProxyIsNoticed() async throws {
        let server = try FakeServer(["--mode", "buffered", "--chunk-delay", "0.2"])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-small"]), tools: false)
        let stream = try #require(result.models.first?.result(.stream))
        #expect(stream.status == .fail)
        #expect(stream.summary.contains("at once"))
        #expect(stream.fix?.contains("proxy_buffering off") == true)
    }

    @Test func realStreamIsNotMistakenForBuffering() async throws {
        let server = try FakeServer()
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-small"]), tools: false)
        let stream = try #require(result.models.first?.result(.stream))
        #expect(stream.status == .pass)
        #expect(stream.summary.contains("chunks over"))
    }

    @Test func webPageInsteadOfAPI() async throws {
        let server = try FakeServer(["--mode", "html"])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: "http://127.0.0.1:\(server.port)", models: ["fake-small"]))
        let models = try #require(result.result(.models))
        #expect(models.status == .fail)
        #expect(models.summary.contains("web UI"))
        #expect(models.fix?.contains("/v1") == true)
        #expect(status(result, "fake-small", .chat) == .skip)
    }

    /// How long it takes is measured through the binary (ProbeCommandTests): this process's
    /// threads are shared with tests that block.
    @Test func serverThatNeverAnswersIsATimeout() async throws {
        let server = try FakeServer(["--mode", "silent"])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-small"]), timeout: 1)
        let reach = try #require(result.result(.reachable))
        #expect(reach.status == .fail)
        #expect(reach.summary.contains("no answer within 1 s"))
    }

    /// llama-server closes the connection after a stream although it answered keep-alive; a
    /// request sent on it then fails before reaching the server (seen by `make e2e`, 1 run in 30).
    @Test func noRequestGoesOverAConnectionTheServerMayHaveClosed() async throws {
        let server = try FakeServer(["--drop-reused"])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-small", "fake-large"]))
        #expect(!result.failed, "\(ProbeText.render(result))")
    }

    @Test func closedPortIsRefused() async throws {
        let port = closedPort()
        let result = try await probe(ProbeTarget(id: "fake", baseURL: "http://127.0.0.1:\(port)/v1", models: ["m"]))
        let reach = try #require(result.result(.reachable))
        #expect(reach.status == .fail)
        #expect(reach.summary.contains("refused"))
        #expect(result.models.first?.checks.allSatisfy { $0.status == .skip } == true)
    }

    @Test func unresolvableHostIsADNSProblem() async throws {
        let result = try await probe(ProbeTarget(id: "fake", baseURL: "http://no-such-host.invalid/v1", models: ["m"]), timeout: 5)
        let reach = try #require(result.result(.reachable))
        #expect(reach.status == .fail)
        #expect(reach.summary.hasPrefix("DNS"))
    }

    @Test func modelWithoutToolCallsIsReportedWithVLLMFlags() async throws {
        let server = try FakeServer(["--no-tools"])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-small"]))
        let tools = try #require(result.models.first?.result(.tools))
        #expect(tools.status == .fail)
        #expect(tools.fix?.contains("--tool-call-parser") == true)
        #expect(status(result, "fake-small", .chat) == .pass)
    }

    @Test func noModelListingIsANoteNotAFailure() async throws {
        let server = try FakeServer(["--no-listing"])
        let result = try await probe(ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-small"]), tools: false)
        #expect(result.result(.models)?.status == .note)
        #expect(status(result, "fake-small", .served) == .note)
        #expect(status(result, "fake-small", .chat) == .pass)
        #expect(!result.failed)
    }

    /// Providers finish in any order (the slow one first here); the report keeps the spec's.
    @Test func providersAreReportedInSpecOrder() async throws {
        let servers = try ["0.3", "0", "0.1"].map { try FakeServer(["--chunk-delay", $0]) }
        let targets = servers.enumerated().map { ProbeTarget(id: "p\($0.offset)", baseURL: $0.element.baseURL, models: ["fake-small"]) }
        let report = try await Prober(settings: ProbeSettings(timeout: 10, concurrency: 3, tools: false)).probe(targets)
        #expect(report.providers.map(\.id) == ["p0", "p1", "p2"])
        #expect(!report.failed, "\(ProbeText.render(report))")
    }

    @Test func jsonReportCarriesEveryCheck() async throws {
        let server = try FakeServer()
        let report = try await Prober(settings: ProbeSettings(timeout: 5, tools: false))
            .probe([ProbeTarget(id: "fake", baseURL: server.baseURL, models: ["fake-small"])])
        let json = try JSONParser.value(ProbeWireFormat.text(report))
        #expect(json["passed"] == .bool(true))
        #expect(json["providers"]?[0]?["passed"] == .bool(true))
        let checks = json["providers"]?[0]?["models"]?[0]?["checks"]?.arrayValue ?? []
        #expect(checks.compactMap { $0["check"]?.stringValue } == ["served", "chat", "stream", "tools"])
        #expect(checks.contains { $0["ms"]?.numberValue != nil })
        // What the agent reads back is what was sent.
        #expect(try ProbeWireFormat.report(from: Array(ProbeWireFormat.text(report).utf8)) == report)
        #expect(throws: ProbeWireError.notReport(reason: "providers is missing")) {
            try ProbeWireFormat.report(from: Array(#"{"passed":true}"#.utf8))
        }
    }

    @Test func listModelsGivesTheServedIDs() async throws {
        let server = try FakeServer(["--models", "a/b,true,c"])
        let result = try await Prober(settings: ProbeSettings(timeout: 5)).listModels(ProbeTarget(id: "fake", baseURL: server.baseURL, models: []))
        let served = try #require(result.served)
        #expect(ProbeText.modelsBlock(served) == "models:\n  - id: a/b\n  - id: \"true\"\n  - id: c\n")
    }
}

@Suite struct ProbeTLSTests {
    /// A self-signed certificate for 127.0.0.1, made with the openssl CLI.
    func certificate() throws -> (folder: String, cert: String, key: String) {
        let folder = NSTemporaryDirectory() + "probe-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                             "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl req failed")
        return (folder, folder + "/cert.pem", folder + "/key.pem")
    }

    @Test func untrustedCertificateMentionsNodeExtraCACerts() async throws {
        let tls = try certificate()
        defer { try? FileManager.default.removeItem(atPath: tls.folder) }
        let server = try FakeServer(["--tls", tls.cert, tls.key])
        let target = ProbeTarget(id: "tls", baseURL: "https://127.0.0.1:\(server.port)/v1", models: ["fake-small"])
        let report = try await Prober(settings: ProbeSettings(timeout: 5, tools: false)).probe([target])
        let reach = try #require(report.providers.first?.result(.reachable))
        #expect(reach.status == .fail)
        #expect(reach.summary.contains("not trusted"), "\(reach.summary)")
        #expect(reach.fix?.contains("NODE_EXTRA_CA_CERTS") == true)

        let trusted = try await Prober(settings: ProbeSettings(timeout: 5, tools: false, caFile: tls.cert)).probe([target])
        #expect(trusted.providers.first?.failed == false, "\(ProbeText.render(trusted))")
    }

    /// `caFile` of one provider trusts its CA for that provider alone.
    @Test func providerCAFileTrustsThatProviderOnly() async throws {
        let tls = try certificate()
        defer { try? FileManager.default.removeItem(atPath: tls.folder) }
        let server = try FakeServer(["--tls", tls.cert, tls.key])
        let url = "https://127.0.0.1:\(server.port)/v1"
        let targets = [ProbeTarget(id: "with-ca", baseURL: url, models: ["fake-small"], caFile: tls.cert),
                       ProbeTarget(id: "without", baseURL: url, models: ["fake-small"])]
        let report = try await Prober(settings: ProbeSettings(timeout: 5, tools: false)).probe(targets)
        #expect(report.providers[0].failed == false, "\(ProbeText.render(report))")
        #expect(report.providers[1].result(.reachable)?.summary.contains("not trusted") == true)
    }

    @Test func unreadableCAFileIsSaidBeforeAnyRequest() async throws {
        let target = ProbeTarget(id: "tls", baseURL: "https://127.0.0.1:\(closedPort())/v1", models: ["m"], caFile: "/nonexistent/ca.pem")
        let report = try await Prober(settings: ProbeSettings(timeout: 5, tools: false)).probe([target])
        let reach = try #require(report.providers.first?.result(.reachable))
        #expect(reach.status == .fail)
        #expect(reach.summary == "the provider's caFile /nonexistent/ca.pem cannot be read")
    }
}

@Suite struct ProbeParsingTests {
    @Test func sseEventsTakeTheTimeOfTheirLastByte() {
        let body = "data: {\"a\":1}\n\ndata: {\"a\":2}\r\n\r\ndata: [DONE]\n\n"
        let bytes = Array(body.utf8)
        let exchange = Exchange(status: 200, contentType: "text/event-stream", body: bytes,
                                arrivals: [(10, 16), (50, bytes.count - 16)], headMs: 1, totalMs: 50)
        let events = SSE.events(exchange)
        #expect(events.map(\.data) == ["{\"a\":1}", "{\"a\":2}", "[DONE]"])
        #expect(events.map(\.ms) == [10, 50, 50])
    }

    @Test(arguments: [
        // (first, last, chunks) -> verdict, with the default 25 ms spread and 1000 ms minimum
        (100.0, 1300.0, 10, StreamTiming.streamed),
        (1290.0, 1300.0, 10, .heldBack),
        (40.0, 45.0, 10, .tooFastToTell),
        (600.0, 610.0, 10, .tooFastToTell),
        (1290.0, 1300.0, 2, .tooFewChunks),
        (100.0, 600.0, 2, .streamed),
    ])
    func streamTimingVerdicts(first: Double, last: Double, chunks: Int, expected: StreamTiming) {
        #expect(StreamTiming(firstMs: first, lastMs: last, chunks: chunks, settings: ProbeSettings()) == expected)
    }

    @Test func closestServedIDs() {
        #expect(OpenAIAnswers.closest(to: "llama3", in: ["meta-llama/llama3-8b", "qwen2", "mistral"]).first == "meta-llama/llama3-8b")
        #expect(OpenAIAnswers.closest(to: "qwen2.5-coder", in: ["qwen2.5-coder:7b", "gemma"]) == ["qwen2.5-coder:7b"])
        #expect(OpenAIAnswers.closest(to: "zzzzzzzz", in: ["a", "b"]).isEmpty)
    }

    @Test func yamlScalarsQuoteWhatYAMLWouldReadAsSomethingElse() {
        #expect(ProbeText.yamlScalar("gpt-4o") == "gpt-4o")
        #expect(ProbeText.yamlScalar("no") == "\"no\"")
        #expect(ProbeText.yamlScalar("qwen2.5:7b") == "\"qwen2.5:7b\"")
        #expect(ProbeText.yamlScalar("7b") == "\"7b\"")
        #expect(ProbeText.yamlScalar("a \"b\"\n") == #""a \"b\"\n""#)
    }
}
