import JSONCore
import OpenCodeConfig
import ProviderSpec
import Testing

/// What the app targets, the managed file and the `auth` mode add to the merge: a whole
/// `enabled_providers` owned as one value, auth.json entries, the app's own file rewritten by
/// the app (not drift), and files OpenCode loads later.
@Suite("merge: enabled_providers owned whole, auth.json, the app's rewrites")
struct AppTargetMergeTests {
    /// The shape the app writes (accomplish-ai/accomplish config-generator.ts), its own `custom` included.
    static let appFile = """
        {
          "$schema": "https://opencode.ai/config.json",
          "default_agent": "accomplish",
          "enabled_providers": [
            "anthropic",
            "custom"
          ],
          "permission": {
            "*": "allow"
          },
          "provider": {
            "custom": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "Custom Endpoint"
            }
          }
        }
        """

    @Test("a list owned whole: written, replaced when it changes (a hand edit warned about), removed when no longer wanted")
    func ownedList() throws {
        var desired = Fixture.desired(["alpha"])
        desired.enabledProviders = ["alpha", "anthropic"]
        let first = try merge(existingText: nil, desired: desired, ownership: .none)
        #expect(try JSONParser.value(first.text)["enabled_providers"] == ["alpha", "anthropic"])
        #expect(first.ownership.keys["enabled_providers"] != nil)
        #expect(first.changes.contains(.listedProviders(2)))

        desired.enabledProviders = ["alpha", "anthropic", "ollama"]
        let second = try Fixture.mergeTwice(first.text, desired, first.ownership)
        #expect(try JSONParser.value(second.text)["enabled_providers"] == ["alpha", "anthropic", "ollama"])
        #expect(second.warnings.isEmpty)

        let edited = second.text.replacingOccurrences(of: "\"ollama\"", with: "\"mine\"")
        let third = try merge(existingText: edited, desired: desired, ownership: second.ownership)
        #expect(third.warnings == ["enabled_providers was edited by hand since provider-sync wrote it; provider-sync's list replaces it"])
        #expect(try JSONParser.value(third.text)["enabled_providers"] == ["alpha", "anthropic", "ollama"])

        desired.enabledProviders = nil
        let dropped = try merge(existingText: third.text, desired: desired, ownership: third.ownership)
        #expect(try JSONParser.value(dropped.text)["enabled_providers"] == nil)
        #expect(dropped.changes.contains(.removedKey("enabled_providers")))
        #expect(dropped.ownership.keys["enabled_providers"] == nil)
    }

    @Test("a list the file has, not owned whole: only the spec's ids are added (the app's own file)")
    func idsAddedToTheAppsList() throws {
        let result = try Fixture.mergeTwice(Self.appFile, Fixture.desired(["team"]))
        let value = try JSONParser.value(result.text)
        #expect(value["enabled_providers"] == ["anthropic", "custom", "team"])
        #expect(value["provider"]?["custom"]?["name"] == "Custom Endpoint")
        #expect(result.text.contains("\"permission\": {\n    \"*\": \"allow\"\n  },"), "the app's other keys byte for byte")
    }

    @Test("the app rewriting its file whole: ours gone is not drift there; a provider of ours edited still is")
    func rewriteIsNotDrift() throws {
        let ours = try merge(existingText: Self.appFile, desired: Fixture.desired(["team"], model: "team/m"), ownership: .none)
        #expect(!drift(existing: Array(Self.appFile.utf8), ownership: ours.ownership).isEmpty)
        #expect(drift(existing: Array(Self.appFile.utf8), ownership: ours.ownership, absenceExpected: true).isEmpty)
        #expect(drift(existing: nil, ownership: ours.ownership, absenceExpected: true).isEmpty)
        let edited = ours.text.replacingOccurrences(of: "\"name\": \"TEAM\"", with: "\"name\": \"changed\"")
        #expect(drift(existing: Array(edited.utf8), ownership: ours.ownership, absenceExpected: true) == ["provider team was edited by hand"])
        // Merged back: ours again, the app's own untouched, no conflict.
        let back = try merge(existingText: Self.appFile, desired: Fixture.desired(["team"], model: "team/m"), ownership: ours.ownership)
        #expect(back.text == ours.text)
    }

    @Test("the app's own provider ids, and the superset list: sorted, the app's and the spec's")
    func appProviders() {
        #expect(AppProviders.clashes(with: ["team", "custom", "ollama"]) == ["custom", "ollama"])
        #expect(AppProviders.clashes(with: ["team"]).isEmpty)
        let list = AppProviders.superset(current: ["anthropic", "newer-app-id"], spec: ["team"])
        #expect(list == list.sorted())
        #expect(Set(list) == Set(AppProviders.emitted).union(["newer-app-id", "team"]))
        #expect(AppProviders.emitted.count == 24)
    }

    @Test("a file OpenCode loads later: what it overrides of ours, by name")
    func laterFiles() throws {
        var ownership = Ownership()
        ownership.providers = ["team": "h"]
        ownership.keys = ["model": "h"]
        let later = Array(#"{ "model": "x/y", "provider": { "team": {} }, "enabled_providers": ["anthropic"] }"#.utf8)
        #expect(overrides(inLaterFile: later, ownership: ownership) == [
            "sets provider team too, and its values win", "sets model too, and its value wins",
            "sets enabled_providers without team, so OpenCode does not load it"])
        #expect(overrides(inLaterFile: Array(#"{ "theme": "dark" }"#.utf8), ownership: ownership).isEmpty)
    }

    // MARK: auth.json

    static let oauth = """
        {
          "anthropic": {
            "type": "oauth",
            "refresh": "rt-0123456789",
            "access": "at-0123456789",
            "expires": 1790000000000
          }
        }
        """

    static func entries(_ pairs: [(String, String)]) -> JSONObject {
        JSONObject(pairs.map { ($0.0, JSONValue.object(JSONObject([("type", "api"), ("key", .string($0.1))]))) })
    }

    @Test("auth.json: our entry added after OpenCode's OAuth entry, which stays byte for byte; then updated, then removed")
    func authEntriesKept() throws {
        let added = try mergeAuth(existing: Array(Self.oauth.utf8), entries: Self.entries([("team", "sk-1")]), ownership: .none)
        #expect(added.text.hasPrefix(String(Self.oauth.dropLast(2))))
        #expect(try JSONParser.value(added.text)["team"] == ["type": "api", "key": "sk-1"])
        #expect(added.changes == [.storedKey("team")])

        let same = try mergeAuth(existing: added.bytes, entries: Self.entries([("team", "sk-1")]), ownership: added.ownership)
        #expect(!same.changed)
        let rotated = try mergeAuth(existing: added.bytes, entries: Self.entries([("team", "sk-2")]), ownership: added.ownership)
        #expect(try JSONParser.value(rotated.text)["team"]?["key"] == "sk-2")
        #expect(rotated.text.hasPrefix(String(Self.oauth.dropLast(2))))

        let removed = try mergeAuth(existing: rotated.bytes, entries: JSONObject(), ownership: rotated.ownership)
        #expect(try JSONParser.value(removed.text) == JSONParser.value(Self.oauth))
        #expect(removed.changes == [.removedStoredKey("team")])
        #expect(removed.ownership.isEmpty)
    }

    @Test("auth.json: a new file holds our entries; nothing to store and no file writes nothing")
    func authNewFile() throws {
        let created = try mergeAuth(existing: nil, entries: Self.entries([("a", "k1"), ("b", "k2")]), ownership: .none)
        #expect(created.changes == [.createdFile, .storedKey("a"), .storedKey("b")])
        #expect(try JSONParser.value(created.text, options: .json)["b"]?["key"] == "k2")
        let nothing = try mergeAuth(existing: nil, entries: JSONObject(), ownership: .none)
        #expect(!nothing.changed && nothing.bytes.isEmpty)
    }

    @Test("auth.json: an entry of ours that OpenCode's login made is a conflict, unless adopted")
    func authConflict() throws {
        let login = #"{"team": {"type": "api", "key": "typed-in"}}"#
        #expect(throws: MergeError.authConflict(providerIDs: ["team"])) {
            try mergeAuth(existing: Array(login.utf8), entries: Self.entries([("team", "sk")]), ownership: .none)
        }
        let adopted = try mergeAuth(existing: Array(login.utf8), entries: Self.entries([("team", "sk")]), ownership: .none,
                                    options: MergeOptions(adopt: true))
        #expect(try JSONParser.value(adopted.text)["team"]?["key"] == "sk")
    }

    @Test("auth.json shown: every credential masked, the rest as it is")
    func authMasked() throws {
        let text = Self.oauth.replacingOccurrences(of: "\n}", with: ",\n  \"team\": { \"type\": \"api\", \"key\": \"sk-live-secret\" }\n}")
        let masked = try #require(redactingAuthKeys(in: text))
        for secret in ["rt-0123456789", "at-0123456789", "sk-live-secret"] { #expect(!masked.contains(secret)) }
        #expect(masked.contains("\"expires\": 1790000000000"))
        #expect(masked.contains("\"key\": \"********\""))
        #expect(redactingAuthKeys(in: "{ not json") == nil)
    }

    @Test("the auth mode renders no apiKey at all (an empty one would win over auth.json); the entries carry the key")
    func authModeRender() throws {
        let spec = Spec(providers: [Provider(id: "team", name: "Team", url: "https://t/v1", apiKey: .keyring("team-key"),
                                             models: [Model(id: "m")])])
        let config = render(spec) { _ in .omitted }
        #expect(config.providers["team"]?["options"]?["apiKey"] == nil)
        #expect(config.providers["team"]?["options"]?["baseURL"] == "https://t/v1")
        #expect(authEntries(spec, keys: ["team-key": "sk-x"]) == Self.entries([("team", "sk-x")]))
        #expect(authEntries(spec, keys: [:]).isEmpty)
    }
}
