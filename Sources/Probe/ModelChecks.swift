import FoundationEssentials
internal import JSONCore
import NIOHTTP1
internal import ProbeWire

extension Session {
    mutating func modelChecks(_ model: String) async -> [CheckResult] {
        var checks: [CheckResult] = [servedCheck(model)]
        if let blocked {
            for check in [Check.chat, .stream, .tools] {
                checks.append(CheckResult(check, .skip, "not run: \(blocked)"))
            }
            return checks
        }
        checks.append(await chatCheck(model))
        checks.append(await streamCheck(model))
        checks.append(settings.tools ? await toolsCheck(model) : CheckResult(.tools, .skip, "not asked for"))
        return checks
    }

    func servedCheck(_ model: String) -> CheckResult {
        guard let served else {
            return CheckResult(.served, blocked == nil ? .note : .skip,
                               blocked.map { "not run: \($0)" } ?? "no model listing to check against")
        }
        // By code points, as the server compares ids: "é" and "e\u{301}" are different models.
        if served.contains(where: { $0.hasSameCodePoints(as: model) }) { return CheckResult(.served, .pass, "served") }
        let close = OpenAIAnswers.closest(to: model, in: served)
        let hint = close.isEmpty ? "" : "; closest served: " + close.joined(separator: ", ")
        return CheckResult(.served, .fail, "\(model) is not served\(hint)",
                           fix: close.isEmpty
                               ? "use an id the server lists (provider-sync models \(target.id))"
                               : "use the exact id the server lists, e.g. \(close[0]) (provider-sync models \(target.id) prints them all)")
    }

    func chatBody(_ model: String, stream: Bool, prompt: String, maxTokens: Int, tools: JSONValue? = nil) -> String {
        var o = JSONObject()
        o["model"] = .string(model)
        o["messages"] = .array([.object(JSONObject([("role", "user"), ("content", .string(prompt))]))])
        o["max_tokens"] = .number(Double(maxTokens))
        o["temperature"] = 0
        if stream { o["stream"] = true }
        if let tools {
            o["tools"] = tools
            o["tool_choice"] = "required"
        }
        return JSONWriter.compact(.object(o))
    }

    /// The answer of a failed chat request as a check result.
    func httpFailure(_ check: Check, _ model: String, _ exchange: Exchange, what: String) -> CheckResult {
        let ms = Int(exchange.totalMs)
        if exchange.looksLikeHTML {
            return CheckResult(check, .fail, "\(what) answered with an HTML page (HTTP \(exchange.status))", fix: htmlFix, milliseconds: ms)
        }
        let message = OpenAIAnswers.errorMessage(exchange)
        let said = message.map { ": \($0)" } ?? ""
        switch exchange.status {
        case 401, 403:
            if let other = exchange.redirectedTo {
                return CheckResult(check, .fail, "\(what): HTTP \(exchange.status) from \(other), where a redirect led",
                                   fix: redirectFix(other), milliseconds: ms)
            }
            return CheckResult(check, .fail, "\(what): HTTP \(exchange.status)\(said)", fix: authFix(status: exchange.status), milliseconds: ms)
        case 404 where message.map({ $0.lowercased().contains("model") }) != true:
            return CheckResult(check, .fail, "\(what): HTTP 404, no such endpoint",
                               fix: "\(url)/chat/completions does not exist: the base URL is wrong (often a missing or extra /v1)", milliseconds: ms)
        case 400, 404, 422:
            let aboutModel = message.map { $0.lowercased().contains("model") } ?? false
            return CheckResult(check, .fail, "\(what): HTTP \(exchange.status)\(said)",
                               fix: aboutModel ? "the server does not know model \(model): use an id it serves (provider-sync models \(target.id))"
                                   : "the server rejected the request; check its log", milliseconds: ms)
        default:
            return CheckResult(check, .fail, "\(what): HTTP \(exchange.status)\(said)", fix: "the server failed; check its log", milliseconds: ms)
        }
    }

    func chatCheck(_ model: String) async -> CheckResult {
        let exchange: Exchange
        do {
            exchange = try await send(.POST, "/chat/completions",
                                      body: chatBody(model, stream: false, prompt: "Reply with one word: ok", maxTokens: 16))
        } catch {
            return CheckResult(.chat, .fail, error.summary, fix: error.fix)
        }
        guard exchange.succeeded else { return httpFailure(.chat, model, exchange, what: "POST /chat/completions") }
        let ms = Int(exchange.totalMs)
        guard let answer = try? JSONParser.value(exchange.text), let message = answer["choices"]?[0]?["message"] else {
            return CheckResult(.chat, .fail, "POST /chat/completions: HTTP \(exchange.status) but not an OpenAI chat completion",
                               fix: "the URL may point at another API: check `url` and the preset", milliseconds: ms)
        }
        let content = message["content"]?.stringValue ?? message["reasoning_content"]?.stringValue ?? ""
        return CheckResult(.chat, .pass, "answered in \(ms) ms: \"\(OpenAIAnswers.shorten(content))\"", milliseconds: ms)
    }

    func streamCheck(_ model: String) async -> CheckResult {
        let exchange: Exchange
        do {
            exchange = try await send(.POST, "/chat/completions",
                                      body: chatBody(model, stream: true, prompt: "Count from 1 to 30, separated by spaces.", maxTokens: 100))
        } catch {
            return CheckResult(.stream, .fail, error.summary, fix: error.fix)
        }
        guard exchange.succeeded else { return httpFailure(.stream, model, exchange, what: "streamed POST /chat/completions") }
        let ms = Int(exchange.totalMs)
        guard exchange.contentType.lowercased().contains("text/event-stream") else {
            return CheckResult(.stream, .fail, "stream: true answered with \(exchange.contentType.isEmpty ? "no content type" : exchange.contentType), not server-sent events",
                               fix: "the server or a proxy in front of it does not stream; OpenCode streams every answer", milliseconds: ms)
        }
        let events = SSE.events(exchange)
        guard events.last?.data == "[DONE]" else {
            return CheckResult(.stream, .fail, "the stream ended without `data: [DONE]` (\(events.count) events)",
                               fix: "a proxy may cut the stream (nginx: proxy_read_timeout), or the server failed mid-answer; check its log", milliseconds: ms)
        }
        let data = events.dropLast()
        guard let first = data.first, let last = data.last else {
            return CheckResult(.stream, .fail, "the stream held no chunk before [DONE]", fix: "check the server log", milliseconds: ms)
        }
        switch StreamTiming(firstMs: first.ms, lastMs: last.ms, chunks: data.count, settings: settings) {
        case .heldBack:
            return CheckResult(.stream, .fail,
                               "all \(data.count) chunks arrived at once, \(Int(first.ms)) ms after the request: something between here and the server buffers the stream",
                               fix: "in the reverse proxy: nginx `proxy_buffering off;` (or the header `X-Accel-Buffering: no`) in the location that proxies the API; other proxies have a similar setting",
                               milliseconds: ms)
        case .tooFastToTell:
            return CheckResult(.stream, .pass, "\(data.count) chunks and [DONE] in \(ms) ms (too fast to tell whether a proxy buffers)", milliseconds: ms)
        case .tooFewChunks:
            return CheckResult(.stream, .pass, "\(data.count) chunk\(data.count == 1 ? "" : "s") and [DONE] in \(ms) ms (too few to tell whether a proxy buffers)", milliseconds: ms)
        case .streamed:
            return CheckResult(.stream, .pass, "\(data.count) chunks over \(Int(last.ms - first.ms)) ms, then [DONE]", milliseconds: ms)
        }
    }
}
