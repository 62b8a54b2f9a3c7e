import Foundation
import JSONCore
import NIOHTTP1

/// One provider as the probe sees it: where its API is, the key it sends, the models to try.
public struct ProbeTarget: Sendable {
    public var id: String
    public var baseURL: String
    /// The key, already resolved; nil sends no Authorization header.
    public var apiKey: String?
    /// Why there is no key (a keychain item not stored, an unset variable), for the 401 fix.
    public var missingKeyReason: String?
    public var headers: [(String, String)]
    public var models: [String]

    public init(id: String, baseURL: String, apiKey: String? = nil, missingKeyReason: String? = nil,
                headers: [(String, String)] = [], models: [String]) {
        self.id = id
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.missingKeyReason = missingKeyReason
        self.headers = headers
        self.models = models
    }
}

public struct ProbeSettings: Sendable {
    /// Bound of each check (each HTTP exchange), seconds; also the idle read bound.
    public var timeout: Double
    /// Bound of the TCP connect (and so of the TLS start), seconds.
    public var connectTimeout: Double
    /// Providers probed at the same time.
    public var concurrency: Int
    /// The tool-call check (two more requests per model).
    public var tools: Bool
    /// A PEM file of extra trusted CAs.
    public var caFile: String?
    /// A stream whose events all arrive within this many ms, after at least `bufferedMinimumMs`,
    /// was held back by a proxy.
    public var bufferedSpreadMs: Double = 25
    public var bufferedMinimumMs: Double = 250

    public init(timeout: Double = 20, connectTimeout: Double? = nil, concurrency: Int = 4, tools: Bool = true, caFile: String? = nil) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout ?? min(timeout, 5)
        self.concurrency = max(1, concurrency)
        self.tools = tools
        self.caFile = caFile
    }
}

/// Runs the checks of `provider-sync probe`.
public struct Prober: Sendable {
    public var settings: ProbeSettings

    public init(settings: ProbeSettings) { self.settings = settings }

    /// Probes every target, `settings.concurrency` at a time; results in the order given.
    public func probe(_ targets: [ProbeTarget]) async throws -> ProbeReport {
        let transport = try HTTPTransport(timeoutSeconds: settings.timeout, connectTimeoutSeconds: settings.connectTimeout,
                                          caFile: settings.caFile)
        let results = await withTaskGroup(of: (Int, ProviderResult).self) { group in
            var results = [ProviderResult?](repeating: nil, count: targets.count)
            var next = 0
            func add() {
                let index = next, target = targets[index]
                next += 1
                group.addTask { (index, await self.probe(target, transport: transport)) }
            }
            while next < min(settings.concurrency, targets.count) { add() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < targets.count { add() }
            }
            return results.compactMap { $0 }
        }
        await transport.shutdown()
        return ProbeReport(providers: results)
    }

    /// `GET /models` only: the served ids, or the failure that kept them from being listed.
    public func listModels(_ target: ProbeTarget) async throws -> ProviderResult {
        let transport = try HTTPTransport(timeoutSeconds: settings.timeout, connectTimeoutSeconds: settings.connectTimeout,
                                          caFile: settings.caFile)
        var session = Session(target: target, transport: transport, settings: settings)
        let checks = await session.reachAndList()
        await transport.shutdown()
        return ProviderResult(id: target.id, baseURL: target.baseURL, checks: checks, served: session.served, models: [])
    }

    func probe(_ target: ProbeTarget, transport: HTTPTransport) async -> ProviderResult {
        var session = Session(target: target, transport: transport, settings: settings)
        let checks = await session.reachAndList()
        var models: [ModelResult] = []
        for model in target.models {
            models.append(ModelResult(id: model, checks: await session.modelChecks(model)))
        }
        return ProviderResult(id: target.id, baseURL: target.baseURL, checks: checks, served: session.served, models: models)
    }
}

/// The state of one provider's probe: what the first checks found decides what the later run.
struct Session {
    let target: ProbeTarget
    let transport: HTTPTransport
    let settings: ProbeSettings
    var served: [String]?
    /// Set when the provider-level checks failed so that model checks cannot tell anything.
    var blocked: String?

    init(target: ProbeTarget, transport: HTTPTransport, settings: ProbeSettings) {
        self.target = target
        self.transport = transport
        self.settings = settings
    }

    var url: String { target.baseURL.hasSuffix("/") ? String(target.baseURL.dropLast()) : target.baseURL }

    var headers: [(String, String)] {
        var h = [("Accept", "application/json, text/event-stream")]
        if let key = target.apiKey, !key.isEmpty { h.append(("Authorization", "Bearer \(key)")) }
        // Spec headers come last and win (a gateway that wants `api-key:` or its own Authorization).
        for (name, value) in target.headers {
            h.removeAll { $0.0.lowercased() == name.lowercased() }
            h.append((name, value))
        }
        return h
    }

    // MARK: reachable + models

    mutating func reachAndList() async -> [CheckResult] {
        let exchange: Exchange
        do {
            exchange = try await transport.send(.GET, url + "/models", headers: headers)
        } catch {
            blocked = "not reachable"
            return [CheckResult(.reachable, .fail, error.summary, fix: error.fix),
                    CheckResult(.models, .skip, "not run: the server is not reachable")]
        }
        let scheme = url.lowercased().hasPrefix("https") ? "TLS and HTTP" : "HTTP"
        let reach = CheckResult(.reachable, .pass, "\(scheme) answered in \(Int(exchange.headMs)) ms", milliseconds: Int(exchange.headMs))
        return [reach, listing(exchange)]
    }

    mutating func listing(_ exchange: Exchange) -> CheckResult {
        let ms = Int(exchange.totalMs)
        if exchange.looksLikeHTML {
            blocked = "the URL serves a web page"
            return CheckResult(.models, .fail, "GET /models answered with an HTML page (HTTP \(exchange.status)): the URL points at a web UI, not the API",
                               fix: htmlFix, milliseconds: ms)
        }
        switch exchange.status {
        case 200..<300:
            guard let ids = Self.modelIDs(exchange.text) else {
                return CheckResult(.models, .note, "GET /models answered HTTP \(exchange.status) without an OpenAI model list",
                                   fix: "model ids cannot be checked; the other checks still run", milliseconds: ms)
            }
            served = ids
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            return CheckResult(.models, .pass, "\(ids.count) served: \(shown)", milliseconds: ms)
        case 401, 403:
            blocked = "the key was refused"
            return CheckResult(.models, .fail, "GET /models: HTTP \(exchange.status), \(Self.errorMessage(exchange) ?? "the key was refused")",
                               fix: authFix(status: exchange.status), milliseconds: ms)
        case 404:
            return CheckResult(.models, .note, "GET /models: 404, this server does not list its models (optional for OpenAI-compatible servers)",
                               fix: "model ids cannot be checked against a listing; if chat also gives 404, the base URL is wrong (a missing /v1?)",
                               milliseconds: ms)
        default:
            return CheckResult(.models, .fail, "GET /models: HTTP \(exchange.status)\(Self.errorMessage(exchange).map { ", \($0)" } ?? "")",
                               fix: "the server answered with an error; check its log", milliseconds: ms)
        }
    }

    var htmlFix: String {
        let hasPath = (URLComponents(string: url)?.path ?? "").count > 1
        return hasPath
            ? "set `url` to the API's base URL (the one whose /models lists models), not the web UI's"
            : "add the API path to `url` (often /v1: \(url)/v1), or set the server's preset"
    }

    func authFix(status: Int) -> String {
        if let reason = target.missingKeyReason { return "no key was sent: \(reason)" }
        if target.apiKey == nil {
            return "the server wants a key: add `apiKey` to the provider in the spec and store it (provider-sync secret set NAME)"
        }
        return "the key was sent as `Authorization: Bearer`; check it is the right one (provider-sync secret set NAME stores a new one), or whether the server wants it in another header (`headers` in the spec)"
    }

    // MARK: per model

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
        if served.contains(model) { return CheckResult(.served, .pass, "served") }
        let close = Self.closest(to: model, in: served)
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
        let message = Self.errorMessage(exchange)
        let said = message.map { ": \($0)" } ?? ""
        switch exchange.status {
        case 401, 403:
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
            exchange = try await transport.send(.POST, url + "/chat/completions", headers: headers,
                                                body: chatBody(model, stream: false, prompt: "Reply with one word: ok", maxTokens: 16))
        } catch {
            return CheckResult(.chat, .fail, error.summary, fix: error.fix)
        }
        guard (200..<300).contains(exchange.status) else { return httpFailure(.chat, model, exchange, what: "POST /chat/completions") }
        let ms = Int(exchange.totalMs)
        guard let answer = try? JSONParser.value(exchange.text), let message = answer["choices"]?[0]?["message"] else {
            return CheckResult(.chat, .fail, "POST /chat/completions: HTTP \(exchange.status) but not an OpenAI chat completion",
                               fix: "the URL may point at another API: check `url` and the preset", milliseconds: ms)
        }
        let content = message["content"]?.stringValue ?? message["reasoning_content"]?.stringValue ?? ""
        return CheckResult(.chat, .pass, "answered in \(ms) ms: \"\(Self.shorten(content))\"", milliseconds: ms)
    }

    func streamCheck(_ model: String) async -> CheckResult {
        let exchange: Exchange
        do {
            exchange = try await transport.send(.POST, url + "/chat/completions", headers: headers,
                                                body: chatBody(model, stream: true, prompt: "Count from 1 to 10, separated by spaces.", maxTokens: 32))
        } catch {
            return CheckResult(.stream, .fail, error.summary, fix: error.fix)
        }
        guard (200..<300).contains(exchange.status) else { return httpFailure(.stream, model, exchange, what: "streamed POST /chat/completions") }
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
        let spread = last.ms - first.ms
        if data.count >= 3, spread <= settings.bufferedSpreadMs, first.ms >= settings.bufferedMinimumMs {
            return CheckResult(.stream, .fail,
                               "all \(data.count) chunks arrived at once, \(Int(first.ms)) ms after the request: something between here and the server buffers the stream",
                               fix: "in the reverse proxy: nginx `proxy_buffering off;` (or the header `X-Accel-Buffering: no`) in the location that proxies the API; other proxies have a similar setting",
                               milliseconds: ms)
        }
        if data.count >= 3, spread <= settings.bufferedSpreadMs {
            return CheckResult(.stream, .pass, "\(data.count) chunks and [DONE] in \(ms) ms (too fast to tell whether a proxy buffers)", milliseconds: ms)
        }
        return CheckResult(.stream, .pass, "\(data.count) chunks over \(Int(spread)) ms, then [DONE]", milliseconds: ms)
    }

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
        var parts: [String] = []
        let started = ContinuousClock.now
        // Not streamed.
        let plain: Exchange
        do {
            plain = try await transport.send(.POST, url + "/chat/completions", headers: headers,
                                             body: chatBody(model, stream: false, prompt: prompt, maxTokens: 64, tools: Self.weatherTool))
        } catch {
            return CheckResult(.tools, .fail, error.summary, fix: error.fix)
        }
        guard (200..<300).contains(plain.status) else {
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
        parts.append("called \(call["function"]?["name"]?.stringValue ?? "a tool")")
        // Streamed: OpenCode streams, so tool calls must arrive as delta.tool_calls.
        let streamed: Exchange
        do {
            streamed = try await transport.send(.POST, url + "/chat/completions", headers: headers,
                                                body: chatBody(model, stream: true, prompt: prompt, maxTokens: 64, tools: Self.weatherTool))
        } catch {
            return CheckResult(.tools, .fail, "not streamed: \(parts[0]); streamed: \(error.summary)", fix: error.fix)
        }
        let elapsed = ContinuousClock.now - started
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let events = SSE.events(streamed)
        let streamedCall = events.contains { event in
            guard let value = try? JSONParser.value(event.data) else { return false }
            return !(value["choices"]?[0]?["delta"]?["tool_calls"]?.arrayValue ?? []).isEmpty
        }
        guard (200..<300).contains(streamed.status), streamedCall else {
            return CheckResult(.tools, .fail,
                               "tool calls work without streaming, but the streamed answer (HTTP \(streamed.status)) has no delta.tool_calls",
                               fix: "OpenCode streams, so Openwork's agent will not get tool calls: " + Self.toolFix, milliseconds: ms)
        }
        return CheckResult(.tools, .pass, parts[0] + ", streamed and not", milliseconds: ms)
    }

    static let toolFix = "the model or server does not call tools; Openwork needs tool calls for full use. vLLM: start it with --enable-auto-tool-choice --tool-call-parser <the model's parser> (e.g. hermes, llama3_json, mistral); llama.cpp: --jinja; or choose a model trained for tool use"

    // MARK: parsing helpers

    static func modelIDs(_ text: String) -> [String]? {
        guard let value = try? JSONParser.value(text) else { return nil }
        let list = value["data"]?.arrayValue ?? value["models"]?.arrayValue ?? value.arrayValue
        guard let list else { return nil }
        return list.compactMap { $0["id"]?.stringValue ?? $0["name"]?.stringValue ?? $0.stringValue }
    }

    /// The message of an OpenAI-style (or FastAPI `detail`) error body, shortened.
    static func errorMessage(_ exchange: Exchange) -> String? {
        guard let value = try? JSONParser.value(exchange.text) else {
            let text = exchange.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty || exchange.looksLikeHTML ? nil : shorten(text, 160)
        }
        let message = value["error"]?["message"]?.stringValue ?? value["error"]?.stringValue
            ?? value["detail"]?.stringValue ?? value["message"]?.stringValue ?? value["detail"]?["message"]?.stringValue
        return message.map { shorten($0, 160) }
    }

    static func shorten(_ text: String, _ limit: Int = 40) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    /// Up to three served ids closest to `model`: containing it (or it them) first, then by edit distance.
    static func closest(to model: String, in served: [String]) -> [String] {
        let lowered = model.lowercased()
        let scored = served.map { id -> (String, Int) in
            let other = id.lowercased()
            if other == lowered { return (id, 0) }
            if other.contains(lowered) || lowered.contains(other) { return (id, 1) }
            let tail = other.split(separator: "/").last.map(String.init) ?? other
            return (id, 2 + min(editDistance(lowered, other), editDistance(lowered, tail)))
        }
        let limit = max(3, model.count / 2) + 2
        return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(3).map(\.0)
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}

/// Server-sent events of a body, each with the time its last byte arrived.
enum SSE {
    struct Event {
        var data: String
        var ms: Double
    }

    static func events(_ exchange: Exchange) -> [Event] {
        var events: [Event] = []
        var offset = 0
        var arrivalIndex = 0
        var consumed = 0
        var line: [UInt8] = []
        var data: [String] = []
        func arrival(at byte: Int) -> Double {
            while arrivalIndex < exchange.arrivals.count, consumed + exchange.arrivals[arrivalIndex].bytes <= byte {
                consumed += exchange.arrivals[arrivalIndex].bytes
                arrivalIndex += 1
            }
            return arrivalIndex < exchange.arrivals.count ? exchange.arrivals[arrivalIndex].ms : (exchange.arrivals.last?.ms ?? 0)
        }
        for byte in exchange.body {
            defer { offset += 1 }
            if byte != UInt8(ascii: "\n") {
                if byte != UInt8(ascii: "\r") { line.append(byte) }
                continue
            }
            let text = String(decoding: line, as: UTF8.self)
            line.removeAll(keepingCapacity: true)
            if text.isEmpty {
                if !data.isEmpty { events.append(Event(data: data.joined(separator: "\n"), ms: arrival(at: offset))) }
                data.removeAll()
            } else if text.hasPrefix("data:") {
                data.append(String(text.dropFirst(5).drop { $0 == " " }))
            }
        }
        if !line.isEmpty, let text = Optional(String(decoding: line, as: UTF8.self)), text.hasPrefix("data:") {
            data.append(String(text.dropFirst(5).drop { $0 == " " }))
        }
        if !data.isEmpty { events.append(Event(data: data.joined(separator: "\n"), ms: arrival(at: max(0, offset - 1)))) }
        return events
    }
}
