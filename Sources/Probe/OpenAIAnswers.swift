import FoundationEssentials
internal import JSONCore

/// What the probe reads out of OpenAI-style answers.
enum OpenAIAnswers {
    static func modelIDs(_ text: String) -> [String]? {
        guard let value = try? JSONParser.value(text) else { return nil }
        let list = value["data"]?.arrayValue ?? value["models"]?.arrayValue ?? value.arrayValue
        guard let list else { return nil }
        return list.compactMap { $0["id"]?.stringValue ?? $0["name"]?.stringValue ?? $0.stringValue }
    }

    /// The message of an OpenAI-style (or FastAPI `detail`) error body, shortened.
    static func errorMessage(_ exchange: Exchange) -> String? {
        guard let value = try? JSONParser.value(exchange.text) else {
            let text = exchange.text.trimming(while: \.isWhitespace)
            return text.isEmpty || exchange.looksLikeHTML ? nil : shorten(text, 160)
        }
        let message = value["error"]?["message"]?.stringValue ?? value["error"]?.stringValue
            ?? value["detail"]?.stringValue ?? value["message"]?.stringValue ?? value["detail"]?["message"]?.stringValue
        return message.map { shorten($0, 160) }
    }

    static func shorten(_ text: String, _ limit: Int = 40) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimming(while: \.isWhitespace)
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    /// Up to three served ids closest to `model`: containing it (or it them) first, then by edit distance.
    static func closest(to model: String, in served: [String]) -> [String] {
        let lowered = model.lowercased()
        let scored = served.map { id -> (String, Int) in
            let other = id.lowercased()
            if other == lowered { return (id, 0) }
            if other.contains(lowered) || lowered.contains(other) { return (id, 1) }
            let tail = other.split(separator: "/").last.map(String.init) ?? other
            return (id, 2 + min(DidYouMean.distance(lowered, other), DidYouMean.distance(lowered, tail)))
        }
        let limit = max(3, model.count / 2) + 2
        return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(3).map(\.0)
    }
}
