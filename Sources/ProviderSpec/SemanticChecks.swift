internal import JSONCore

/// Checks the schema cannot express: references between fields, URLs that point at the wrong
/// thing, and secrets written where git would keep them. They run on the raw document and
/// skip any node of an unexpected shape (the schema reports those).
///
/// A spec may list thousands of providers, so the per-provider checks allocate nothing unless
/// they find something: pointers are built for findings only.
enum SemanticChecks {
    static func run(_ root: JSONValue) -> [Finding] {
        var findings: [Finding] = []
        let providers = root["providers"]?.objectValue ?? JSONObject()
        var seen: [JSONKey: Int] = [:]  // reused by every provider's model check
        for (id, value) in providers {
            guard let provider = value.objectValue else { continue }
            checkModels(provider, provider: id, seen: &seen, into: &findings)
            if let url = provider["url"]?.stringValue { checkURL(url, provider: id, into: &findings) }
            checkAPIKey(provider["apiKey"], provider: id, into: &findings)
            checkHeaders(provider["headers"]?.objectValue, provider: id, into: &findings)
            checkQueryParams(provider["queryParams"]?.objectValue, provider: id, into: &findings)
        }
        for key in ["model", "smallModel"] {
            guard let text = root[key]?.stringValue else { continue }
            checkModelReference(text, key: key, providers: providers, into: &findings)
        }
        return findings
    }

    /// The pointer to a member of a provider.
    private static func pointer(_ provider: String, _ tokens: String...) -> JSONPointer {
        JSONPointer(["providers", provider] + tokens)
    }

    /// Model ids must be unique within a provider; an output limit beyond the context window
    /// is worth a warning.
    static func checkModels(_ fields: JSONObject, provider: String, seen: inout [JSONKey: Int], into findings: inout [Finding]) {
        seen.removeAll(keepingCapacity: true)
        for (i, m) in (fields["models"]?.arrayValue ?? []).enumerated() {
            if let context = m["context"]?.intValue, let output = m["output"]?.intValue, output > context {
                findings.append(Finding(
                    severity: .warning, pointer: pointer(provider, "models", String(i), "output"),
                    message: "output (\(output)) is larger than context (\(context))",
                    hint: "output is the most tokens the model generates, and they fit inside its context window: swapped?",
                    code: "spec.output-over-context"))
            }
            guard let id = modelID(m) else { continue }
            if let first = seen[JSONKey(id)] {
                findings.append(Finding(
                    severity: .error, pointer: pointer(provider, "models", String(i)),
                    message: "model '\(id)' is listed twice (also item \(first + 1))",
                    hint: "keep one entry per model id", code: "spec.duplicate-model"))
            } else {
                seen[JSONKey(id)] = i
            }
        }
    }

    /// A model is its id, or an object with one.
    static func modelID(_ m: JSONValue) -> String? { m.stringValue ?? m["id"]?.stringValue }

    static func checkURL(_ url: String, provider: String, into findings: inout [Finding]) {
        guard let parsed = ServerURL(url) else { return }  // the schema's pattern reports it
        let at = pointer(provider, "url")
        if let problem = parsed.authorityProblem {
            findings.append(Finding(
                severity: .error, pointer: at, message: "the URL's host cannot be reached as written: \(problem)",
                hint: "write the host as host, host:port or [IPv6]:port", code: "spec.url-host"))
        }
        if let userInfo = parsed.userInfo {
            let password = userInfo.utf8.firstIndex(of: UInt8(ascii: ":")).map { userInfo[userInfo.utf8.index(after: $0)...] }
            if password.map({ !$0.isEmpty }) == true || SecretHeuristics.looksLikeKey(String(userInfo)) {
                findings.append(Finding(
                    severity: .error, pointer: at,
                    message: "the URL carries a credential before its host: this file is in git, so the password would be too",
                    hint: "remove 'user:password@' from the URL, store the key with `provider-sync secret set \(provider)` and write `apiKey: { keyring: \(provider) }`",
                    code: "spec.literal-secret", secretValue: true))
            }
        }
        if !parsed.suffix.isEmpty {
            let secretNames = parsed.queryParameterNames.filter(URLCredentials.isSecretParameter)
            if !secretNames.isEmpty {
                findings.append(Finding(
                    severity: .error, pointer: at,
                    message: "the URL's query carries a credential (\(secretNames.map { "'\($0)'" }.joined(separator: ", "))): this file is in git, so the token would be too",
                    hint: "remove it from the URL, store the key with `provider-sync secret set \(provider)` and write `apiKey: { keyring: \(provider) }`",
                    code: "spec.literal-secret", secretValue: true))
            } else {
                let names = parsed.queryParameterNames.filter { !$0.isEmpty }
                findings.append(Finding(
                    severity: .error, pointer: at,
                    message: "the URL has a \(parsed.suffix.utf8.first == UInt8(ascii: "?") ? "query" : "fragment"): OpenCode and the probe append paths such as /chat/completions after the URL, inside it",
                    hint: names.isEmpty ? "remove it from the URL"
                        : "move the parameters to `queryParams` (\(names.map { "\($0): ..." }.joined(separator: ", "))), which OpenCode adds to every request",
                    code: "spec.url-query"))
            }
        }
        for endpoint in ["/chat/completions", "/completions"] where parsed.path.hasSuffix(endpoint) {
            let base = parsed.withoutPathSuffix(endpoint)
            findings.append(Finding(
                severity: .error, pointer: at,
                message: "the URL ends in '\(endpoint)': that is an endpoint, not the server",
                hint: "write the server's base URL instead: \(base)", code: "spec.endpoint-url"))
            break
        }
        if parsed.scheme == "http", !parsed.isLocalHost {
            findings.append(Finding(
                severity: .warning, pointer: at,
                message: "plain http:// to '\(parsed.host)', a host that is not this machine: keys and prompts travel unencrypted",
                hint: "use https:// for remote endpoints", code: "spec.insecure-url"))
        }
    }

    static func checkAPIKey(_ value: JSONValue?, provider: String, into findings: inout [Finding]) {
        guard let text = value?.stringValue else { return }
        var hint = "store it on each workstation with `provider-sync secret set \(provider)` and write `apiKey: { keyring: \(provider) }`"
        if let variable = OpenCodeReference.envVariable(in: text) {
            hint = "write `apiKey: { env: \(variable) }`"
        } else if let path = OpenCodeReference.filePath(in: text) {
            hint = "write `apiKey: { file: \(path) }`"
        }
        findings.append(Finding(
            severity: .error, pointer: pointer(provider, "apiKey"),
            message: "apiKey is a literal string: this file is in git, so the key would be too",
            hint: hint, code: "spec.literal-secret", secretValue: true))
    }

    static func checkHeaders(_ headers: JSONObject?, provider: String, into findings: inout [Finding]) {
        guard let headers else { return }
        for (name, value) in headers {
            guard let text = value.stringValue, SecretHeuristics.looksLikeCredential(headerName: name, value: text) else { continue }
            findings.append(Finding(
                severity: .error, pointer: pointer(provider, "headers", name),
                message: "header '\(name)' carries a credential: this file is in git, so the token would be too",
                hint: "remove the header and write `apiKey: { keyring: \(provider) }` (sent as Authorization: Bearer), "
                    + "or reference it as {env:VAR} inside the value",
                code: "spec.literal-secret", secretValue: true))
        }
    }

    /// A query parameter named like a credential is one, unless its value is only an
    /// `{env:VAR}` or `{file:PATH}` reference (which OpenCode fills in at start-up).
    static func checkQueryParams(_ params: JSONObject?, provider: String, into findings: inout [Finding]) {
        guard let params else { return }
        for (name, value) in params {
            guard let text = value.stringValue, URLCredentials.isSecretParameter(name),
                  !OpenCodeReference.isPureReference(text) else { continue }
            findings.append(Finding(
                severity: .error, pointer: pointer(provider, "queryParams", name),
                message: "query parameter '\(name)' carries a credential: this file is in git, so the token would be too",
                hint: "store it with `provider-sync secret set \(provider)` and write `apiKey: { keyring: \(provider) }`, "
                    + "or reference it as {env:VAR} in the value",
                code: "spec.literal-secret", secretValue: true))
        }
    }

    /// ", or name one of: a, b" for a hint; nothing when there is nothing to name.
    static func orOneOf(_ names: [String]) -> String {
        names.isEmpty ? "" : ", or name one of: " + names.sorted().joined(separator: ", ")
    }

    /// `model` and `smallModel` must name a declared provider and one of its models.
    static func checkModelReference(_ text: String, key: String, providers: JSONObject, into findings: inout [Finding]) {
        guard let ref = ModelReference(parsing: text) else { return }  // the schema's pattern reports it
        let at = JSONPointer([key])
        guard let provider = providers[ref.providerID]?.objectValue else {
            let declared = providers.members.filter { $0.value.objectValue != nil }.map(\.key)
            let hint = DidYouMean.suggestion(for: ref.providerID, among: declared).map { "did you mean '\($0)/\(ref.modelID)'?" }
                ?? "declare provider '\(ref.providerID)' under providers" + orOneOf(declared)
            findings.append(Finding(
                severity: .error, pointer: at, message: "\(key) '\(text)' names provider '\(ref.providerID)', which this spec does not declare",
                hint: hint, code: "spec.unknown-model"))
            return
        }
        // Without a models list the schema already reports the provider; one error is enough.
        guard let models = provider["models"]?.arrayValue else { return }
        let served = models.compactMap(modelID)
        guard served.contains(where: { $0.hasSameCodePoints(as: ref.modelID) }) else {
            let hint = DidYouMean.suggestion(for: ref.modelID, among: served).map { "did you mean '\(ref.providerID)/\($0)'?" }
                ?? "add '\(ref.modelID)' to the models of '\(ref.providerID)'" + orOneOf(served)
            findings.append(Finding(
                severity: .error, pointer: at, message: "\(key) '\(text)' names model '\(ref.modelID)', which provider '\(ref.providerID)' does not declare",
                hint: hint, code: "spec.unknown-model"))
            return
        }
    }
}
