/// Spec files written by the apply tests, with keys that need no keychain ({env:} / {file:}).
struct SpecProvider {
    var id: String
    var name: String
    var url: String
    /// YAML flow mapping for `apiKey`, e.g. "{ env: ALPHA_KEY }"; nil for none.
    var apiKey: String? = nil
    var models: [String] = ["m1"]
}

/// The YAML text of a spec.
func specText(_ providers: [SpecProvider], model: String? = nil, smallModel: String? = nil) -> String {
    var lines = ["version: 1"]
    if providers.isEmpty {
        lines.append("providers: {}")
    } else {
        lines.append("providers:")
        for p in providers {
            lines.append("  \(p.id):")
            lines.append("    name: \(p.name)")
            lines.append("    url: \(p.url)")
            if let key = p.apiKey { lines.append("    apiKey: \(key)") }
            lines.append("    models:")
            for m in p.models { lines.append("      - \(m)") }
        }
    }
    if let model { lines.append("model: \(model)") }
    if let smallModel { lines.append("smallModel: \(smallModel)") }
    return lines.joined(separator: "\n") + "\n"
}

/// Providers with these ids, each with `models` models that have names and
/// limits, so the rendered file is large (about 1 KB a provider with 5 models). `variant`
/// changes every name, so two variants render to different files of the same shape.
func bigSpecText(ids: [String], models: Int = 5, variant: String) -> String {
    var lines = ["version: 1", "providers:"]
    for (i, id) in ids.enumerated() {
        lines += ["  \(id):", "    name: Provider \(i) \(variant)", "    url: http://localhost:\(9000 + i)",
                  "    apiKey: { env: KEY_\(i) }", "    models:"]
        for m in 0..<models {
            lines += ["      - id: model-\(m)-\(variant)", "        name: Model \(m) \(variant)",
                      "        context: \(8192 * (m + 1))", "        output: 1024"]
        }
    }
    lines.append("model: \(ids[0])/model-0-\(variant)")
    return lines.joined(separator: "\n") + "\n"
}

let alphaProvider = SpecProvider(id: "alpha", name: "Alpha", url: "http://localhost:9001", apiKey: "{ env: ALPHA_KEY }")
let betaProvider = SpecProvider(id: "beta", name: "Beta", url: "http://localhost:9002", apiKey: "{ file: /run/keys/beta }",
                                models: ["m2"])

/// "p000", "p001"...: `count` ids with a prefix, numbered from `start`.
func numberedIDs(_ prefix: String, _ count: Int, from start: Int = 0) -> [String] {
    (start..<(start + count)).map { i in prefix + String(repeating: "0", count: max(0, 3 - String(i).count)) + String(i) }
}
