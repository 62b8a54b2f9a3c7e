internal import JSONCore
internal import Workstation

/// The verdicts for one order of layers: the merge, then OpenCode's filters
/// (`isProviderAllowed`, `provider/provider.ts` L1259-1266 and L1483 at 1.15.12: with
/// `enabled_providers` set a provider must be listed, and one in `disabled_providers` is
/// removed whatever else says), then what a later file changed of the target's values.
struct OutcomeEvaluator {
    let layers: [Layer]
    /// The target's files: what provider-sync wrote is there.
    let ownFiles: Set<String>
    let auth: AuthEntries
    let environment: Environment
    let merged: JSONObject

    init(layers: [Layer], ownFiles: Set<String>, auth: AuthEntries, environment: Environment) {
        self.layers = layers
        self.ownFiles = ownFiles
        self.auth = auth
        self.environment = environment
        merged = ConfigMerge.merge(layers.compactMap(\.value))
    }

    var enabled: Set<String>? { merged["enabled_providers"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) } }
    var disabled: Set<String> { Set(merged["disabled_providers"]?.arrayValue?.compactMap(\.stringValue) ?? []) }

    func verdict(_ id: String) -> ProviderVerdict {
        // A file loaded twice (the app's is both OPENCODE_CONFIG and in OPENCODE_CONFIG_DIR) is named once.
        var named = Set<String>()
        let definedIn = layers.filter { $0.provider(id) != nil }.map(\.source.name).filter { named.insert($0).inserted }
        if let failing = layers.first(where: { $0.failure != nil }) {
            return ProviderVerdict(id: id, reason: .configError, decidingFile: failing.source.name,
                                   detail: "OpenCode fails on \(failing.source.name): \(failing.failure ?? "")", definedIn: definedIn)
        }
        guard !definedIn.isEmpty else {
            return ProviderVerdict(id: id, reason: .notDefined, detail: "no file OpenCode reads here defines it (apply the spec to this target)")
        }
        if disabled.contains(id) {
            let file = lastLayer { $0.setsDisabledProviders }
            return ProviderVerdict(id: id, reason: .disabled, decidingFile: file,
                                   detail: "disabled_providers in \(file ?? "?") lists it", definedIn: definedIn)
        }
        if let enabled, !enabled.contains(id) {
            let file = lastLayer { $0.setsEnabledProviders }
            return ProviderVerdict(id: id, reason: .notEnabled, decidingFile: file,
                                   detail: "enabled_providers in \(file ?? "?") does not list it (\(Self.listed(enabled)))",
                                   definedIn: definedIn)
        }
        var notes: [String] = []
        let own = layers.filter { $0.source.path.map(ownFiles.contains) == true }.compactMap { $0.provider(id) }
        if own.isEmpty {
            notes.append("defined in \(definedIn.joined(separator: ", ")), not in the target's file")
        } else if let override = override(of: id, own: own.reduce(JSONObject(), ConfigMerge.deepMerge)) {
            return ProviderVerdict(id: id, reason: .overridden, decidingFile: override.file, detail: override.detail,
                                   definedIn: definedIn)
        }
        if let variable = unsetKeyVariable(id) {
            let file = lastLayer { $0.provider(id)?["options"]?["apiKey"] != nil }
            if auth.apiKeyProviders.contains(id) {
                return ProviderVerdict(id: id, reason: .keyBlocked, decidingFile: file,
                                       detail: "options.apiKey in \(file ?? "?") is {env:\(variable)}, and \(variable) is not set where "
                                           + "OpenCode runs: the empty key hides the one auth.json holds for it", definedIn: definedIn)
            }
            notes.append("options.apiKey is {env:\(variable)}, and \(variable) is not set where OpenCode runs: requests go without a key")
        }
        return ProviderVerdict(id: id, reason: .usable, detail: "usable", definedIn: definedIn, notes: notes)
    }

    /// The model OpenCode starts with, and the file that set it.
    func model(usable: [String: Bool]) -> ModelSetting? {
        guard let value = merged["model"]?.stringValue, let file = lastLayer({ $0.value?["model"] != nil }) else { return nil }
        let provider = value.unicodeScalars.firstIndex(of: "/").map { String(value.unicodeScalars[..<$0]) } ?? value
        return ModelSetting(value: value, file: file, providerUsable: usable[provider])
    }

    /// The first of `options.baseURL`, `options.apiKey` and the models the target's files give
    /// `id` that a later file set to something else. Key values are never shown.
    private func override(of id: String, own: JSONObject) -> (file: String, detail: String)? {
        let final = merged["provider"]?[id]?.objectValue ?? JSONObject()
        for key in ["baseURL", "apiKey"] {
            guard let mine = own["options"]?[key], let now = final["options"]?[key], now != mine,
                  let file = lastLayer({ $0.provider(id)?["options"]?[key] != nil }) else { continue }
            let shown = key == "apiKey" ? "" : " (\(now.stringValue ?? JSONWriter.compact(now)) instead of \(mine.stringValue ?? JSONWriter.compact(mine)))"
            return (file, "\(file) sets its options.\(key) again\(shown)")
        }
        for (model, mine) in own["models"]?.objectValue ?? JSONObject() {
            guard let now = final["models"]?[model], now != mine,
                  let file = lastLayer({ $0.provider(id)?["models"]?[model] != nil }) else { continue }
            return (file, "\(file) changes its model \(model)")
        }
        return nil
    }

    /// VAR when the final `options.apiKey` is `{env:VAR}` and VAR is not set.
    private func unsetKeyVariable(_ id: String) -> String? {
        guard let key = merged["provider"]?[id]?["options"]?["apiKey"]?.stringValue,
              key.hasPrefix("{env:"), key.hasSuffix("}") else { return nil }
        let variable = String(key.dropFirst(5).dropLast())
        return environment[variable] == nil ? variable : nil
    }

    private func lastLayer(_ where: (Layer) -> Bool) -> String? {
        layers.last(where: `where`)?.source.name
    }

    /// "it lists: a, b, c" (at most 8 ids).
    static func listed(_ ids: Set<String>) -> String {
        let sorted = ids.sorted()
        guard !sorted.isEmpty else { return "it is empty" }
        return "it lists " + sorted.prefix(8).joined(separator: ", ") + (sorted.count > 8 ? " and \(sorted.count - 8) more" : "")
    }
}
