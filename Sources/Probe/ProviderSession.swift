import FoundationEssentials
internal import JSONCore
import NIOHTTP1
import NIOSSL
internal import ProbeWire
internal import SystemIO

/// The state of one provider's probe: what the first checks found decides what the later run.
struct Session {
    let target: ProbeTarget
    let transport: HTTPTransport
    let settings: ProbeSettings
    /// The provider's CA besides the system's (and --ca-file's); nil uses the client's settings.
    let tls: TLSConfiguration?
    var served: [String]?
    /// Set when the provider-level checks failed so that model checks cannot tell anything.
    var blocked: String?

    init(target: ProbeTarget, transport: HTTPTransport, settings: ProbeSettings) {
        self.target = target
        self.transport = transport
        self.settings = settings
        tls = target.caFile.map { HTTPTransport.tls(trusting: [$0] + [settings.caFile].compactMap { $0 }) }
    }

    var url: String { target.baseURL.hasSuffix("/") ? String(target.baseURL.dropLast()) : target.baseURL }

    var headers: [(String, String)] {
        var h = [("Accept", "application/json, text/event-stream")]
        if let key = target.apiKey, !key.isEmpty { h.append(("Authorization", "Bearer \(key)")) }
        // Spec headers come last and win (a gateway that wants `api-key:` or its own Authorization).
        for header in target.headers {
            h.removeAll { $0.0.lowercased() == header.name.lowercased() }
            h.append((header.name, header.value))
        }
        return h
    }

    /// One request to `path` under the base URL, with the provider's headers, query
    /// parameters and CA.
    func send(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws(TransportFailure) -> Exchange {
        try await transport.send(method, url + path + query, headers: headers, body: body, tls: tls)
    }

    /// "?a=1&b=2" from `queryParams`, percent-encoded (OpenCode sends them the same way).
    var query: String {
        guard !target.queryParams.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = target.queryParams.map { URLQueryItem(name: $0.name, value: $0.value) }
        return "?" + (components.percentEncodedQuery ?? "")
    }

    // MARK: reachable + models

    mutating func reachAndList() async -> [CheckResult] {
        // A FIFO or device there would block the TLS library: only a readable regular file.
        if let caFile = target.caFile, !FileManager.default.isReadableFile(atPath: caFile)
            || (try? FileReader.requireRegularFile(caFile)) == nil {
            blocked = "the CA file cannot be read"
            return [CheckResult(.reachable, .fail, "the provider's caFile \(caFile) cannot be read",
                                fix: "put the company CA's PEM file there, or fix `caFile` in the spec"),
                    CheckResult(.models, .skip, "not run: \(blocked!)")]
        }
        let exchange: Exchange
        do {
            exchange = try await send(.GET, "/models")
        } catch where error.stage == .body || error.stage == .redirect {
            // HTTP answered; what it answered is the models check's failure.
            blocked = error.stage == .body ? "the answer never ended" : "the server redirects without end"
            return [CheckResult(.reachable, .pass, "HTTP answered"), CheckResult(.models, .fail, "GET /models: " + error.summary, fix: error.fix)]
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
            guard let ids = OpenAIAnswers.modelIDs(exchange.text) else {
                return CheckResult(.models, .note, "GET /models answered HTTP \(exchange.status) without an OpenAI model list",
                                   fix: "model ids cannot be checked; the other checks still run", milliseconds: ms)
            }
            served = ids
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            return CheckResult(.models, .pass, "\(ids.count) served: \(shown)", milliseconds: ms)
        case 401, 403:
            blocked = "the key was refused"
            if let other = exchange.redirectedTo {
                blocked = "redirected to another host"
                return CheckResult(.models, .fail, "GET /models: HTTP \(exchange.status) from \(other), where a redirect led", fix: redirectFix(other), milliseconds: ms)
            }
            return CheckResult(.models, .fail, "GET /models: HTTP \(exchange.status), \(OpenAIAnswers.errorMessage(exchange) ?? "the key was refused")",
                               fix: authFix(status: exchange.status), milliseconds: ms)
        case 404:
            return CheckResult(.models, .note, "GET /models: 404, this server does not list its models (optional for OpenAI-compatible servers)",
                               fix: "model ids cannot be checked against a listing; if chat also gives 404, the base URL is wrong (a missing /v1?)",
                               milliseconds: ms)
        default:
            return CheckResult(.models, .fail, "GET /models: HTTP \(exchange.status)\(OpenAIAnswers.errorMessage(exchange).map { ", \($0)" } ?? "")",
                               fix: "the server answered with an error; check its log", milliseconds: ms)
        }
    }

    var htmlFix: String {
        let hasPath = (URLComponents(string: url)?.path ?? "").count > 1
        return hasPath
            ? "set `url` to the API's base URL (the one whose /models lists models), not the web UI's"
            : "add the API path to `url` (often /v1: \(url)/v1), or set the server's preset"
    }

    /// A refusal after a redirect to another origin says nothing about the key: it was not sent.
    func redirectFix(_ other: String) -> String {
        "the server redirected the request to \(other), and the probe does not send the key to another host (scheme, host "
            + "or port; the Fetch standard drops it too): set `url` to the address the API answers at without a redirect"
    }

    func authFix(status: Int) -> String {
        if let reason = target.missingKeyReason { return "no key was sent: \(reason)" }
        if target.apiKey == nil {
            return "the server wants a key: add `apiKey` to the provider in the spec and store it (provider-sync secret set NAME)"
        }
        return "the key was sent as `Authorization: Bearer`; check it is the right one (provider-sync secret set NAME stores a new one), or whether the server wants it in another header (`headers` in the spec)"
    }
}
