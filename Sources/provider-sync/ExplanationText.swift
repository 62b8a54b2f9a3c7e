internal import JSONCore
internal import OpenCodeLayers
internal import Workstation

/// `explain` for people: the situation, the version, and per outcome the layers and verdicts.
struct ExplanationText {
    let explanation: Explanation
    let display: (String) -> String

    init(_ explanation: Explanation, display: @escaping (String) -> String) {
        self.explanation = explanation
        self.display = display
    }

    private func v(_ text: String) -> String { VisibleText.escaped(text) }

    func text(target: String, expectedModel: String?) -> String {
        let situation = explanation.situation
        var out: String
        switch situation.starter {
        case .app(let name, _): out = "\(v(target)): OpenCode as the \(v(name)) app starts it\n"
        case .cli: out = "\(v(target)): OpenCode started in a terminal\n"
        }
        for (variable, value) in situation.opencodeVariables {
            let shown = variable == .opencodeConfigContent || variable == .opencodeAuthContent ? "(set)" : display(value)
            out += "  \(variable.rawValue)=\(v(shown))\n"
        }
        out += "  working folder: \(v(display(situation.workingDirectory)))\n"
        out += "  \(versionLine)\n"
        if let problem = explanation.auth.problem { out += "  note: \(v(problem))\n" }
        let outcomes = explanation.outcomes
        if outcomes.count > 1 {
            out += "  the outcome depends on the OpenCode version's loader; \(outcomes.count) outcomes:\n"
        } else if !explanation.undecided.isEmpty {
            out += "  the version leaves open: " + explanation.undecided.map(Self.point).joined(separator: "; ")
                + "; the outcome is the same either way (the layers below in the older order)\n"
        }
        for (index, outcome) in outcomes.enumerated() {
            var indent = "  "
            if outcomes.count > 1 {
                out += "  \(index + 1). if " + outcome.assumptions.map(v).joined(separator: "\n     and ") + ":\n"
                indent = "     "
            }
            out += layersText(outcome.layers, indent: indent)
            out += providersText(outcome.providers, indent: indent)
            out += modelText(outcome.model, expected: expectedModel, indent: indent)
        }
        return out
    }

    private var versionLine: String {
        let version = explanation.version
        let from = version.from.map { v(display($0)) } ?? ""
        guard let number = version.version else { return "OpenCode version: unknown (\(from)); pass --opencode-version to choose" }
        switch version.source {
        case .option: return "OpenCode \(number) (--opencode-version)"
        case .path: return "OpenCode \(number) (\(from) --version)"
        case .app: return "OpenCode \(number) (bundled with the app: \(from))"
        case .unknown: return "OpenCode \(number)"
        }
    }

    private func layersText(_ layers: [Layer], indent: String) -> String {
        var out = "\(indent)layers, lowest first (a later one wins):\n"
        let own = Set(explanation.ownFiles)
        for (index, layer) in layers.enumerated() {
            var facts: [String] = []
            switch (layer.exists, layer.source.isReadable) {
            case (nil, _): facts.append("fetched by OpenCode, not read here")
            case (false?, _): facts.append("none")
            case (true?, false): facts.append("exists, not read here")
            case (true?, true): if layer.parses == false { facts.append("does not parse") }
            }
            if layer.setsEnabledProviders { facts.append("sets enabled_providers") }
            if layer.setsDisabledProviders { facts.append("sets disabled_providers") }
            if let path = layer.source.path, own.contains(path) { facts.append("provider-sync's") }
            if let failure = layer.failure { facts.append("OpenCode fails on it: \(failure)") }
            let name = layer.source.path.map(display) ?? layer.source.name
            out += "\(indent)  \(index + 1). \(Self.label(layer.source.kind)): \(v(name))\(facts.isEmpty ? "" : " (" + facts.map(v).joined(separator: "; ") + ")")\n"
        }
        return out
    }

    private func providersText(_ providers: [ProviderVerdict], indent: String) -> String {
        var out = "\(indent)providers:\n"
        for verdict in providers {
            let mark = verdict.usable ? "✓" : "✗"
            var line = "\(indent)  \(mark) \(v(verdict.id)): "
            if verdict.usable {
                line += "usable" + (verdict.definedIn.isEmpty ? "" : ", from " + verdict.definedIn.map { v(display($0)) }.joined(separator: ", "))
            } else {
                line += "\(Self.words(verdict.reason)): \(v(shownPaths(verdict.detail)))"
            }
            out += line + "\n"
            for note in verdict.notes { out += "\(indent)      note: \(v(shownPaths(note)))\n" }
        }
        return out
    }

    private func modelText(_ model: ModelSetting?, expected: String?, indent: String) -> String {
        guard let model else { return expected.map { "\(indent)model: none set (the spec's is \(v($0)); apply it)\n" } ?? "" }
        var out = "\(indent)model: \(v(model.value)) (from \(v(display(model.file))))"
        if let expected, expected != model.value { out += "; the spec's \(v(expected)) is overridden" }
        if model.providerUsable == false { out += "; its provider is not usable" }
        return out + "\n"
    }

    /// Paths inside a detail shown as `display` shows them (`~/...`).
    private func shownPaths(_ text: String) -> String {
        var text = text
        for layer in explanation.outcomes.flatMap(\.layers) {
            guard let path = layer.source.path, display(path) != path else { continue }
            text = text.replacing(path, with: display(path))
        }
        return text
    }

    static func label(_ kind: LayerSource.Kind) -> String {
        switch kind {
        case .remote: "remote"
        case .global: "global"
        case .configFile: "OPENCODE_CONFIG"
        case .project: "project"
        case .folder: "config folder"
        case .content: "OPENCODE_CONFIG_CONTENT"
        case .managed: "managed"
        case .managedPreferences: "MDM"
        }
    }

    /// A point of the loader's order, short.
    static func point(_ rule: LoaderRules.Rule) -> String {
        switch rule {
        case .folderFileOrder: "opencode.json or opencode.jsonc first in config folders"
        case .projectFileOrder: "the order of project files"
        case .contentAfterFolders: "OPENCODE_CONFIG_CONTENT before or after the config folders"
        case .managedFolder: "whether the managed folder is read"
        }
    }

    static func words(_ reason: ProviderVerdict.Reason) -> String {
        switch reason {
        case .usable: "usable"
        case .notDefined: "not defined"
        case .notEnabled: "not enabled"
        case .disabled: "disabled"
        case .overridden: "overridden"
        case .keyBlocked: "key blocked"
        case .configError: "config error"
        }
    }
}
