import JSONCore

/// Checks the schema cannot express: references between fields, URLs that point at the wrong
/// thing, and secrets written where git would keep them. They run on the raw document and
/// skip any node of an unexpected shape (the schema reports those).
enum SemanticChecks {
    static func run(_ root: JSONValue) -> [Finding] {
        var findings: [Finding] = []
        let providers = root["providers"]?.objectValue ?? JSONObject()
        var modelsByProvider: [String: Set<String>] = [:]
        for (id, value) in providers {
            guard let provider = value.objectValue else { continue }
            let at = JSONPointer(["providers", id])
            modelsByProvider[id] = checkModels(provider, at: at, into: &findings)
            if let url = provider["url"]?.stringValue { checkURL(url, at: at.appending("url"), into: &findings) }
            checkAPIKey(provider["apiKey"], provider: id, at: at.appending("apiKey"), into: &findings)
            checkHeaders(provider["headers"]?.objectValue, provider: id, at: at.appending("headers"), into: &findings)
        }
        for key in ["model", "smallModel"] {
            guard let text = root[key]?.stringValue else { continue }
            checkModelReference(text, key: key, models: modelsByProvider, into: &findings)
        }
        return findings
    }

    /// Model ids must be unique within a provider; returns the ids.
    static func checkModels(_ provider: JSONObject, at: JSONPointer, into findings: inout [Finding]) -> Set<String> {
        var seen: [String: Int] = [:]
        for (i, m) in (provider["models"]?.arrayValue ?? []).enumerated() {
            guard let id = m.stringValue ?? m["id"]?.stringValue else { continue }
            if let first = seen[id] {
                findings.append(Finding(
                    severity: .error, pointer: at.appending("models").appending(i),
                    message: "model '\(id)' is listed twice (also item \(first + 1))",
                    hint: "keep one entry per model id", code: "spec.duplicate-model"))
            } else {
                seen[id] = i
            }
        }
        return Set(seen.keys)
    }

    static func checkURL(_ url: String, at: JSONPointer, into findings: inout [Finding]) {
        guard let parsed = ServerURL(url) else { return }  // the schema's pattern reports it
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

    static func checkAPIKey(_ value: JSONValue?, provider: String, at: JSONPointer, into findings: inout [Finding]) {
        guard let text = value?.stringValue else { return }
        var hint = "store it on each workstation with `provider-sync secret set \(provider)` and write `apiKey: { keyring: \(provider) }`"
        if let variable = OpenCodeReference.envVariable(in: text) {
            hint = "write `apiKey: { env: \(variable) }`"
        } else if let path = OpenCodeReference.filePath(in: text) {
            hint = "write `apiKey: { file: \(path) }`"
        }
        findings.append(Finding(
            severity: .error, pointer: at,
            message: "apiKey is a literal string: this file is in git, so the key would be too",
            hint: hint, code: "spec.literal-secret", secretValue: true))
    }

    static func checkHeaders(_ headers: JSONObject?, provider: String, at: JSONPointer, into findings: inout [Finding]) {
        for (name, value) in headers ?? JSONObject() {
            guard let text = value.stringValue, SecretHeuristics.looksLikeCredential(headerName: name, value: text) else { continue }
            findings.append(Finding(
                severity: .error, pointer: at.appending(name),
                message: "header '\(name)' carries a credential: this file is in git, so the token would be too",
                hint: "remove the header and write `apiKey: { keyring: \(provider) }` (sent as Authorization: Bearer), "
                    + "or reference it as {env:VAR} inside the value",
                code: "spec.literal-secret", secretValue: true))
        }
    }

    static func checkModelReference(_ text: String, key: String, models: [String: Set<String>], into findings: inout [Finding]) {
        guard let ref = ModelReference(parsing: text) else { return }  // the schema's pattern reports it
        let at = JSONPointer([key])
        guard let served = models[ref.providerID] else {
            let hint = DidYouMean.suggestion(for: ref.providerID, among: Array(models.keys)).map { "did you mean '\($0)/\(ref.modelID)'?" }
                ?? "declare provider '\(ref.providerID)' under providers, or name one of: \(models.keys.sorted().joined(separator: ", "))"
            findings.append(Finding(
                severity: .error, pointer: at, message: "\(key) '\(text)' names provider '\(ref.providerID)', which this spec does not declare",
                hint: hint, code: "spec.unknown-model"))
            return
        }
        guard served.contains(ref.modelID) else {
            let hint = DidYouMean.suggestion(for: ref.modelID, among: Array(served)).map { "did you mean '\(ref.providerID)/\($0)'?" }
                ?? "add '\(ref.modelID)' to the models of '\(ref.providerID)', or name one of: \(served.sorted().joined(separator: ", "))"
            findings.append(Finding(
                severity: .error, pointer: at, message: "\(key) '\(text)' names model '\(ref.modelID)', which provider '\(ref.providerID)' does not declare",
                hint: hint, code: "spec.unknown-model"))
            return
        }
    }
}
