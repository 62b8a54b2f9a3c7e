public import JSONCore
internal import Workstation

/// `explain --format json`, a contract (README, "`provider-sync explain`"): fields keep their
/// names and meaning; new ones may be added.
extension Explanation {
    public func json(target: String, expectedModel: String? = nil) -> JSONValue {
        var o = JSONObject()
        o["target"] = .string(target)
        o["files"] = .array(ownFiles.map { .string($0) })
        o["situation"] = situationJSON
        o["opencode"] = Self.json(version)
        o["undecided"] = .array(undecided.map { .string($0.rawValue) })
        o["usable"] = .bool(usable)
        o["providers"] = .array(providers.map(Self.json))
        o["model"] = Self.json(outcomes.first?.model, expected: expectedModel)
        o["outcomes"] = .array(outcomes.map { outcome in
            var item = JSONObject()
            item["assumes"] = .array(outcome.assumptions.map { .string($0) })
            item["layers"] = .array(outcome.layers.enumerated().map { Self.json($1, order: $0 + 1, own: ownFiles) })
            item["providers"] = .array(outcome.providers.map(Self.json))
            item["model"] = Self.json(outcome.model, expected: expectedModel)
            return .object(item)
        })
        return .object(o)
    }

    var situationJSON: JSONValue {
        var o = JSONObject()
        switch situation.starter {
        case .app(let name, _):
            o["startedBy"] = "app"
            o["app"] = .string(name)
        case .cli:
            o["startedBy"] = "terminal"
        }
        o["workingDirectory"] = .string(situation.workingDirectory)
        o["variables"] = .object(JSONObject(situation.opencodeVariables.map { ($0.0.rawValue, .string(Self.shown($0.0, $0.1))) }))
        return .object(o)
    }

    /// A variable's value as reports show it: the two that hold JSON (a config, keys) only as set.
    static func shown(_ variable: Variable, _ value: String) -> String {
        variable == .opencodeConfigContent || variable == .opencodeAuthContent ? "(set)" : value
    }

    static func json(_ version: VersionFinding) -> JSONValue {
        ["version": version.version.map { .string($0.description) } ?? .null, "source": .string(version.source.rawValue),
         "from": version.from.map { .string($0) } ?? .null]
    }

    static func json(_ layer: Layer, order: Int, own: [String]) -> JSONValue {
        var o = JSONObject()
        o["order"] = .number(Double(order))
        o["kind"] = .string(layer.source.kind.rawValue)
        o["path"] = layer.source.path.map { .string($0) } ?? .null
        o["target"] = .bool(layer.source.path.map(own.contains) == true)
        o["read"] = .bool(layer.source.isReadable)
        o["exists"] = layer.exists.map { .bool($0) } ?? .null
        o["parses"] = layer.parses.map { .bool($0) } ?? .null
        o["setsEnabledProviders"] = .bool(layer.setsEnabledProviders)
        o["setsDisabledProviders"] = .bool(layer.setsDisabledProviders)
        o["failure"] = layer.failure.map { .string($0) } ?? .null
        return .object(o)
    }

    static func json(_ verdict: ProviderVerdict) -> JSONValue {
        var o = JSONObject()
        o["id"] = .string(verdict.id)
        o["usable"] = .bool(verdict.usable)
        o["reason"] = .string(verdict.reason.rawValue)
        o["decidingFile"] = verdict.decidingFile.map { .string($0) } ?? .null
        o["detail"] = .string(verdict.detail)
        o["definedIn"] = .array(verdict.definedIn.map { .string($0) })
        o["notes"] = .array(verdict.notes.map { .string($0) })
        return .object(o)
    }

    static func json(_ model: ModelSetting?, expected: String?) -> JSONValue {
        guard model != nil || expected != nil else { return .null }
        var o = JSONObject()
        o["value"] = model.map { .string($0.value) } ?? .null
        o["file"] = model.map { .string($0.file) } ?? .null
        o["expected"] = expected.map { .string($0) } ?? .null
        o["providerUsable"] = model?.providerUsable.map { .bool($0) } ?? .null
        return .object(o)
    }
}
