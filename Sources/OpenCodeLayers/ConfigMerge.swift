public import JSONCore

/// OpenCode's merge of one layer onto what the layers before it made (OpenCode 1.15.12,
/// `config.ts` L51-61 `mergeConfig`/`mergeConfigConcatArrays`, L547-550 `merge`,
/// `config/plugin.ts` L69-82):
/// - plain objects are merged key by key, recursively (remeda's `mergeDeep`);
/// - anything else, arrays included, is replaced by the later layer: `enabled_providers`,
///   `disabled_providers`, `model`, a provider's `options.baseURL`...;
/// - `instructions` from both sides are concatenated, each entry kept once (first place);
/// - `plugin` lists are combined over all layers, one entry per package (or `file://` URL),
///   the later layer's spec winning.
public enum ConfigMerge {
    public static func merge(_ base: JSONObject, _ layer: JSONObject) -> JSONObject {
        var merged = deepMerge(base, layer)
        if let earlier = base["instructions"]?.arrayValue, let later = layer["instructions"]?.arrayValue {
            var seen = Set<JSONValue>()
            merged["instructions"] = .array((earlier + later).filter { seen.insert($0).inserted })
        }
        if let later = layer["plugin"]?.arrayValue {
            merged["plugin"] = .array(uniquePlugins((base["plugin"]?.arrayValue ?? []) + later))
        }
        return merged
    }

    /// Every layer merged in order.
    public static func merge(_ layers: [JSONObject]) -> JSONObject {
        layers.reduce(JSONObject(), merge)
    }

    static func deepMerge(_ base: JSONObject, _ layer: JSONObject) -> JSONObject {
        var merged = base
        for (key, value) in layer {
            if let inner = value.objectValue, let existing = merged[key]?.objectValue {
                merged[key] = .object(deepMerge(existing, inner))
            } else {
                merged[key] = value
            }
        }
        return merged
    }

    /// Later entries win per package: the list reversed, the first of each name kept, and
    /// reversed back (`deduplicatePluginOrigins`).
    static func uniquePlugins(_ plugins: [JSONValue]) -> [JSONValue] {
        var seen = Set<String>()
        var kept: [JSONValue] = []
        for plugin in plugins.reversed() where seen.insert(pluginName(plugin)).inserted {
            kept.append(plugin)
        }
        return kept.reversed()
    }

    /// "pkg@1.2" -> "pkg", "@scope/pkg@1" -> "@scope/pkg"; a `file://` URL is its own name.
    static func pluginName(_ plugin: JSONValue) -> String {
        guard let spec = plugin.stringValue ?? plugin[0]?.stringValue else { return JSONWriter.compact(plugin) }
        if spec.hasPrefix("file://") { return spec }
        guard let at = spec.lastIndex(of: "@"), at != spec.startIndex else { return spec }
        return String(spec[..<at])
    }
}
