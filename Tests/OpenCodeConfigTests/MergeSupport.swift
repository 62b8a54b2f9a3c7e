import JSONCore
import OpenCodeConfig
import ProviderSpec
import Testing

/// Small desired states for merge tests: providers named by id, each with one model "m".
enum Fixture {
    static func provider(_ id: String, url: String = "http://localhost:8000") -> Provider {
        Provider(id: id, name: id.uppercased(), url: url, models: [Model(id: "m")])
    }

    static func desired(_ ids: [String], model: String? = nil, smallModel: String? = nil) -> RenderedConfig {
        let spec = Spec(providers: ids.map { provider($0) },
                        model: model.flatMap(ModelReference.init(parsing:)),
                        smallModel: smallModel.flatMap(ModelReference.init(parsing:)))
        return renderMasked(spec)
    }

    /// What `provider` "id" looks like pretty-printed at `indent` (one unit `unit`).
    static func block(_ id: String, indent: String, unit: String = "  ") -> String {
        let i1 = indent + unit, i2 = i1 + unit
        return """
            \(indent)"\(id)": {
            \(i1)"npm": "@ai-sdk/openai-compatible",
            \(i1)"name": "\(id.uppercased())",
            \(i1)"options": {
            \(i2)"baseURL": "http://localhost:8000/v1"
            \(i1)},
            \(i1)"models": {
            \(i2)"m": {}
            \(i1)}
            \(indent)}
            """
    }

    static let schemaLine = #""$schema": "https://opencode.ai/config.json","#

    /// Merges, checks that merging the result again changes nothing, and returns the result.
    static func mergeTwice(_ text: String?, _ desired: RenderedConfig, _ ownership: Ownership = .none,
                           options: MergeOptions = MergeOptions(),
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> MergeResult {
        let first = try merge(existingText: text, desired: desired, ownership: ownership, options: options)
        let again = try merge(existingText: first.text, desired: desired, ownership: first.ownership, options: options)
        #expect(again.text == first.text, "not idempotent", sourceLocation: sourceLocation)
        #expect(!again.changed, sourceLocation: sourceLocation)
        #expect(again.changes.isEmpty, "\(again.changes)", sourceLocation: sourceLocation)
        #expect(drift(existingText: first.text, ownership: first.ownership).isEmpty, sourceLocation: sourceLocation)
        return first
    }

    /// Every line of `original` is still in `result`, in order: nothing of the user's was lost.
    static func keepsEveryLine(of original: String, in result: String) -> Bool {
        var rest = result.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in original.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let i = rest.firstIndex(of: line) else { return false }
            rest = rest[(i + 1)...]
        }
        return true
    }
}
