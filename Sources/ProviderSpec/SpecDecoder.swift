internal import JSONCore

/// Turns a document that passed the schema and the semantic checks into a `Spec`.
/// It trusts the schema for shapes; anything unexpected is skipped, never a crash.
enum SpecDecoder {
    static func decode(_ root: JSONValue) -> Spec {
        var providers: [Provider] = []
        for (id, value) in root["providers"]?.objectValue ?? JSONObject() {
            guard let p = value.objectValue else { continue }
            providers.append(
                Provider(
                    id: id,
                    name: p["name"]?.stringValue ?? id,
                    preset: p["preset"]?.stringValue.flatMap(Preset.init(rawValue:)),
                    url: p["url"]?.stringValue ?? "",
                    apiKey: p["apiKey"].flatMap(secretReference),
                    headers: (p["headers"]?.objectValue ?? JSONObject()).compactMap { name, v in
                        v.stringValue.map { Header(name: name, value: $0) }
                    },
                    queryParams: (p["queryParams"]?.objectValue ?? JSONObject()).compactMap { name, v in
                        v.stringValue.map { QueryParameter(name: name, value: $0) }
                    },
                    timeout: p["timeout"]?.intValue,
                    caFile: p["caFile"]?.stringValue,
                    models: (p["models"]?.arrayValue ?? []).compactMap(model)
                ))
        }
        return Spec(
            version: root["version"]?.intValue ?? 1,
            providers: providers,
            model: root["model"]?.stringValue.flatMap(ModelReference.init(parsing:)),
            smallModel: root["smallModel"]?.stringValue.flatMap(ModelReference.init(parsing:)),
            secrets: root["secrets"]?.stringValue.flatMap(SecretsMode.init(rawValue:))
        )
    }

    static func secretReference(_ value: JSONValue) -> SecretReference? {
        guard let o = value.objectValue, o.count == 1, let (kind, v) = o.members.first, let s = v.stringValue else { return nil }
        switch kind {
        case "keyring": return .keyring(s)
        case "env": return .env(s)
        case "file": return .file(s)
        default: return nil
        }
    }

    static func model(_ value: JSONValue) -> Model? {
        if let id = value.stringValue { return Model(id: id) }
        guard let m = value.objectValue, let id = m["id"]?.stringValue else { return nil }
        var limit: Model.Limit?
        if let c = m["context"]?.intValue, let o = m["output"]?.intValue { limit = .init(context: c, output: o) }
        return Model(
            id: id, name: m["name"]?.stringValue, limit: limit,
            toolCall: m["toolCall"]?.boolValue, reasoning: m["reasoning"]?.boolValue,
            attachment: m["attachment"]?.boolValue)
    }
}
