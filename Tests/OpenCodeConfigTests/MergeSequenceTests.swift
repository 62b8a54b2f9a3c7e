import JSONCore
import OpenCodeConfig
import Testing

/// Many layouts through a sequence of spec changes: every step must read back, keep the
/// user's settings, hold exactly the spec's providers next to the hand-made one, and be
/// idempotent.
@Suite("merge sequences")
struct MergeSequenceTests {
    typealias F = Fixture

    static let layouts: [String] = [
        "{\n  \"theme\": \"x\",\n  \"provider\": {\n    \"mine\": {\n      \"name\": \"Mine\"\n    }\n  }\n}\n",
        "// c\n{\n  \"theme\": \"x\", // t\n  \"provider\": {\n    /* m */ \"mine\": {\"name\": \"Mine\"}, // m\n  },\n  // end\n}\n",
        #"{"theme":"x","provider":{"mine":{"name":"Mine"}}}"#,
        "{\n    \"enabled_providers\": [\n        \"mine\"\n    ],\n    \"provider\": {\n        \"mine\": {\"name\": \"Mine\"}\n    },\n    \"theme\": \"x\"\n}",
        "{\r\n\t\"provider\": {\r\n\t\t\"mine\": {\"name\": \"Mine\"}\r\n\t},\r\n\t\"theme\": \"x\"\r\n}\r\n",
        "{ \"theme\": \"x\",\n  \"provider\": { \"mine\": {\"name\": \"Mine\"} } }",
        "{\n  \"provider\": {\n    \"mine\": {\"name\": \"Mine\"}, // mine\n  }, /* end */\n  \"theme\": \"x\"\n}",
        "{\"enabled_providers\": [\"mine\"], \"provider\": {\"mine\": {\"name\": \"Mine\"}}, \"theme\": \"x\"}",
        "{\n  \"provider\": {\n    \"mine\": {\"name\": \"Mine\"}\n    // trailing note\n  },\n  \"theme\": \"x\"\n  // trailing note\n}",
    ]

    static let steps: [(ids: [String], model: String?)] = [
        (["a", "b", "c"], "a/m"),
        (["b"], "b/m"),
        (["c", "a", "d"], nil),
        (["d"], "d/m"),
        ([], nil),
        (["a"], "a/m"),
        (["b", "a"], "a/m"),
    ]

    @Test(arguments: layouts.indices)
    func sequence(_ layout: Int) throws {
        var text = Self.layouts[layout]
        var ownership = Ownership.none
        let wasStrict = (try? JSONParser.value(text)) != nil
        for step in Self.steps {
            let desired = F.desired(step.ids, model: step.model)
            let result = try F.mergeTwice(text, desired, ownership, options: MergeOptions(allowEmpty: true))
            let value = try JSONParser.value(result.text, options: wasStrict ? .json : .jsonc)
            #expect(value["theme"] == "x")
            #expect(value["provider"]?["mine"] == ["name": "Mine"])
            let providers = value["provider"]?.objectValue?.keys ?? []
            #expect(Set(providers) == Set(step.ids + ["mine"]), "\(step.ids)")
            for id in step.ids { #expect(value["provider"]?[id] == desired.providers[id]) }
            #expect(value["model"] == step.model.map(JSONValue.string))
            if case .array(let enabled)? = value["enabled_providers"] {
                #expect(Set(enabled.compactMap(\.stringValue)) == Set(step.ids + ["mine"]))
            }
            #expect(result.text.contains("\"mine\""))
            if text.contains("\r\n") { #expect(!result.text.replacingAll("\r\n", with: "").contains("\n")) }
            text = result.text
            ownership = result.ownership
        }
    }
}
