import JSONCore

/// Targets as JSON: how the agent hands resolved targets (keys included) to the probe program
/// on its standard input, never in arguments or files.
extension ProbeTarget {
    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["baseURL"] = .string(baseURL)
        if let apiKey { o["apiKey"] = .string(apiKey) }
        if let missingKeyReason { o["missingKeyReason"] = .string(missingKeyReason) }
        o["headers"] = .array(headers.map { .array([.string($0.0), .string($0.1)]) })
        if !queryParams.isEmpty { o["queryParams"] = .array(queryParams.map { .array([.string($0.0), .string($0.1)]) }) }
        o["models"] = .array(models.map { .string($0) })
        if let caFile { o["caFile"] = .string(caFile) }
        return .object(o)
    }

    /// nil when `value` is not a target as `json` writes it.
    public init?(json value: JSONValue) {
        guard let id = value["id"]?.stringValue, let baseURL = value["baseURL"]?.stringValue,
              let models = value["models"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
        func pairs(_ list: JSONValue?) -> [(String, String)] {
            (list?.arrayValue ?? []).compactMap { pair -> (String, String)? in
                guard let name = pair[0]?.stringValue, let text = pair[1]?.stringValue else { return nil }
                return (name, text)
            }
        }
        self.init(id: id, baseURL: baseURL, apiKey: value["apiKey"]?.stringValue,
                  missingKeyReason: value["missingKeyReason"]?.stringValue, headers: pairs(value["headers"]),
                  queryParams: pairs(value["queryParams"]), models: models,
                  caFile: value["caFile"]?.stringValue)
    }
}
