import OpenCodeConfig
import Testing

@Suite("redaction")
struct RedactTests {
    @Test func inlineKeysAreMaskedAndNothingElse() {
        let text = """
            {
              // secrets below
              "provider": {
                "gw": { "options": { "baseURL": "https://gw/v1", "apiKey": "sk-live-123" } },
                "env": { "options": { "apiKey": "{env:KEY}" } },
                "file": { "options": { "apiKey": "{file:~/.k}" } },
                "odd": "not an object"
              },
              "apiKey": "top-level is not a provider key"
            }
            """
        #expect(redactingAPIKeys(in: text) == text.replacingAll("\"sk-live-123\"", with: "\"********\""))
    }

    @Test func aDiffOfRedactedTextsShowsNoSecret() throws {
        let old = "{\"provider\": {\"g\": {\"options\": {\"apiKey\": \"old-secret\"}}}}\n"
        let new = "{\"provider\": {\"g\": {\"options\": {\"apiKey\": \"new-secret\", \"timeout\": 5}}}}\n"
        let diff = unifiedDiff(old: try #require(redactingAPIKeys(in: old)), new: try #require(redactingAPIKeys(in: new)), path: "f")
        #expect(!diff.contains("secret"))
        #expect(diff.contains("\"timeout\": 5"))
    }

    @Test func unparseableTextIsNotShown() {
        #expect(redactingAPIKeys(in: "{\"provider\": {\"g\": {\"options\": {\"apiKey\": \"sk\"") == nil)
        #expect(redactingAPIKeys(in: "{}") == "{}")
    }
}
