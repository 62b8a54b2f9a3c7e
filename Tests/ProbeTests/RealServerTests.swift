import Foundation
@testable import Probe
import ProbeWire
import TestSupport
import Testing

/// The probe against LiteLLM's proxy (Fixtures/litellm: models that stream, call tools or do
/// not), directly and behind nginx and mitmproxy, all real servers on 127.0.0.1.
@Suite struct RealServerTests {
    func probe(_ server: RunningServer, models: [String], key: String? = SharedServers.masterKey,
               tools: Bool = true) async throws -> ProviderResult {
        let target = ProbeTarget(id: "team-gateway", baseURL: server.baseURL, apiKey: key,
                                 missingKeyReason: key == nil ? "the keychain holds no value for team-gateway" : nil, models: models)
        let report = try await Prober(settings: ProbeSettings(timeout: 20, tools: tools)).probe([target])
        return try #require(report.providers.first)
    }

    func check(_ result: ProviderResult, _ model: String, _ check: Check) throws -> CheckResult {
        try #require(result.models.first { $0.id == model }?.result(check), "\(ProbeText.render(result))")
    }

    @Test func liteLLMPassesEveryCheckWithTextStreamAndToolCalls() async throws {
        let result = try await probe(try await SharedServers.shared.liteLLM(), models: ["team-chat"])
        #expect(!result.failed, "\(ProbeText.render(result))")
        #expect(result.served == ["team-chat", "text-only", "mock-gpt"])
        #expect(try check(result, "team-chat", .chat).summary.contains("1 2 3"))
        let stream = try check(result, "team-chat", .stream)
        #expect(stream.status == .pass)
        #expect(stream.summary.contains("chunks over"), "\(stream.summary)")
        #expect(try check(result, "team-chat", .tools).summary == "called get_weather, streamed and not")
    }

    @Test func liteLLMWithoutAKeyIsA401WithTheReason() async throws {
        let result = try await probe(try await SharedServers.shared.liteLLM(), models: ["team-chat"], key: nil)
        let models = try #require(result.result(.models))
        #expect(models.status == .fail)
        #expect(models.summary.hasPrefix("GET /models: HTTP 401"), "\(models.summary)")
        #expect(models.fix == "no key was sent: the keychain holds no value for team-gateway")
        #expect(try check(result, "team-chat", .chat).status == .skip)
        #expect(result.failed)
    }

    @Test func liteLLMWrongModelIDNamesTheServedOne() async throws {
        let result = try await probe(try await SharedServers.shared.liteLLM(), models: ["team-chta"], tools: false)
        let served = try check(result, "team-chta", .served)
        #expect(served.status == .fail)
        #expect(served.summary.contains("closest served: team-chat"), "\(served.summary)")
        let chat = try check(result, "team-chta", .chat)
        #expect(chat.status == .fail)
        #expect(chat.summary.contains("HTTP 400"), "\(chat.summary)")
        #expect(chat.fix?.contains("does not know model team-chta") == true, "\(chat.fix ?? "")")
    }

    @Test func liteLLMModelThatAnswersInTextFailsTheToolCheck() async throws {
        let result = try await probe(try await SharedServers.shared.liteLLM(), models: ["text-only"])
        let tools = try check(result, "text-only", .tools)
        #expect(tools.status == .fail)
        #expect(tools.summary.contains("no tool_calls"), "\(tools.summary)")
        #expect(tools.fix?.contains("--enable-auto-tool-choice") == true)
        #expect(try check(result, "text-only", .chat).status == .pass)
    }

    /// LiteLLM's own mock streams "ok" as one chunk: no proxy could be told apart from it.
    @Test func liteLLMMockWithOneChunkIsNotJudged() async throws {
        let result = try await probe(try await SharedServers.shared.liteLLM(), models: ["mock-gpt"], tools: false)
        let stream = try check(result, "mock-gpt", .stream)
        #expect(stream.status == .pass, "\(stream.summary)")
        #expect(stream.summary.contains("too few to tell"), "\(stream.summary)")
    }

    /// nginx 1.22 passes each upstream read on at once, proxy_buffering on or off: its buffers
    /// only decouple a slow client. Measured with curl too: chunks 120 ms apart either way.
    @Test(arguments: [false, true])
    func streamThroughNginxArrivesAsWritten(buffering: Bool) async throws {
        let result = try await probe(try await SharedServers.shared.nginx(buffering: buffering), models: ["team-chat"])
        #expect(!result.failed, "\(ProbeText.render(result))")
        #expect(try check(result, "team-chat", .stream).summary.contains("chunks over"))
    }

    @Test func proxyThatHoldsTheStreamBackIsNoticed() async throws {
        let result = try await probe(try await SharedServers.shared.mitmproxy(), models: ["team-chat"], tools: false)
        let stream = try check(result, "team-chat", .stream)
        #expect(stream.status == .fail)
        #expect(stream.summary.contains("arrived at once"), "\(stream.summary)")
        #expect(stream.fix?.contains("proxy_buffering off") == true)
        #expect(try check(result, "team-chat", .chat).status == .pass)
    }
}
