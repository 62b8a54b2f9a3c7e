import FoundationEssentials
internal import JSONCore
import NIOHTTP1
internal import ProbeWire

extension Session {
    static let weatherTool: JSONValue = [[
        "type": "function",
        "function": [
            "name": "get_weather",
            "description": "Get the current weather of a city.",
            "parameters": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
        ],
    ]]

    func toolsCheck(_ model: String) async -> CheckResult {
        let prompt = "What is the weather in Paris? Use the get_weather tool."
        // Not streamed.
        let plain: Exchange
        do {
            plain = try await send(.POST, "/chat/completions",
                                   body: chatBody(model, stream: false, prompt: prompt, maxTokens: 64, tools: Self.weatherTool))
        } catch {
            return CheckResult(.tools, .fail, error.summary, fix: error.fix)
        }
        guard plain.succeeded else {
            var failure = httpFailure(.tools, model, plain, what: "a request with tools")
            if plain.status == 400 || plain.status == 422 {
                failure.fix = Self.toolFix
            }
            return failure
        }
        let message = (try? JSONParser.value(plain.text))?["choices"]?[0]?["message"]
        let calls = message?["tool_calls"]?.arrayValue ?? []
        guard let call = calls.first else {
            return CheckResult(.tools, .fail, "tool_choice required, but the answer has no tool_calls (it answered in text)",
                               fix: Self.toolFix, milliseconds: Int(plain.totalMs))
        }
        let called = "called \(call["function"]?["name"]?.stringValue ?? "a tool")"
        // Streamed: OpenCode streams, so tool calls must arrive as delta.tool_calls.
        let streamed: Exchange
        do {
            streamed = try await send(.POST, "/chat/completions",
                                      body: chatBody(model, stream: true, prompt: prompt, maxTokens: 64, tools: Self.weatherTool))
        } catch {
            return CheckResult(.tools, .fail, "not streamed: \(called); streamed: \(error.summary)", fix: error.fix)
        }
        let ms = Int(plain.totalMs + streamed.totalMs)
        let events = SSE.events(streamed)
        let streamedCall = events.contains { event in
            guard let value = try? JSONParser.value(event.data) else { return false }
            return !(value["choices"]?[0]?["delta"]?["tool_calls"]?.arrayValue ?? []).isEmpty
        }
        guard streamed.succeeded, streamedCall else {
            return CheckResult(.tools, .fail,
                               "tool calls work without streaming, but the streamed answer (HTTP \(streamed.status)) has no delta.tool_calls",
                               fix: "OpenCode streams, so Openwork's agent will not get tool calls: " + Self.toolFix, milliseconds: ms)
        }
        return CheckResult(.tools, .pass, called + ", streamed and not", milliseconds: ms)
    }

    static let toolFix = "the model or server does not call tools; Openwork needs tool calls for full use. vLLM: start it with --enable-auto-tool-choice --tool-call-parser <the model's parser> (e.g. hermes, llama3_json, mistral); llama.cpp: --jinja; or choose a model trained for tool use"
}
