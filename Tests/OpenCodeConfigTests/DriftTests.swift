import Foundation
import JSONCore
import OpenCodeConfig
import Testing

@Suite("drift, ownership, hashing")
struct DriftTests {
    typealias F = Fixture

    @Test func nothingChangedNoDrift() throws {
        let result = try merge(existingText: nil, desired: F.desired(["a", "b"], model: "a/m"), ownership: .none)
        #expect(drift(existingText: result.text, ownership: result.ownership).isEmpty)
        // Reformatting is not drift: the hash is over the value, not the text.
        let minified = JSONWriter.compact(try JSONParser.value(result.text))
        #expect(drift(existingText: minified, ownership: result.ownership).isEmpty)
    }

    @Test func handEditsAreReported() throws {
        let result = try merge(existingText: "{\n  \"enabled_providers\": []\n}\n", desired: F.desired(["a", "b"], model: "a/m"),
                               ownership: .none)
        var edited = result.text.replacingAll("\"name\": \"A\"", with: "\"name\": \"Alpha\"")
        edited = edited.replacingAll("\"model\": \"a/m\"", with: "\"model\": \"b/m\"")
        edited = edited.replacingAll("\"enabled_providers\": [\"a\", \"b\"]", with: "\"enabled_providers\": [\"a\"]")
        #expect(drift(existingText: edited, ownership: result.ownership) == [
            "provider a was edited by hand",
            "model was changed by hand",
            "b was removed from enabled_providers by hand",
        ])
        let withoutB = try merge(existingText: result.text, desired: F.desired(["a"], model: "a/m"), ownership: result.ownership).text
        #expect(drift(existingText: withoutB, ownership: result.ownership).contains("provider b was removed by hand"))
    }

    @Test func aMissingOrBrokenFileIsDrift() {
        let owned = Ownership(providers: ["a": "fnv1a64:0000000000000000"])
        #expect(drift(existingText: nil, ownership: owned) == ["the file is missing or empty"])
        #expect(drift(existingText: nil, ownership: .none).isEmpty)
        #expect(drift(existingText: "{", ownership: owned).first?.hasPrefix("the file no longer parses") == true)
    }

    @Test func ownershipRoundTripsThroughJSON() throws {
        let ownership = Ownership(providers: ["a": stableHash("x")], keys: ["model": stableHash("a/m")], enabledProviders: ["a"])
        let data = try JSONEncoder().encode(ownership)
        #expect(try JSONDecoder().decode(Ownership.self, from: data) == ownership)
        #expect(try JSONDecoder().decode(Ownership.self, from: Data("{}".utf8)) == .none)
    }

    @Test func theHashIsStableAndOrderFree() {
        // FNV-1a 64 of the compact JSON `"x"`, computed independently.
        #expect(stableHash("x") == "fnv1a64:d47c1617d80fa71f")
        #expect(stableHash(["b": 1, "a": 2]) == "fnv1a64:f85f5878cbf2dc03")
        #expect(stableHash(["a": 2, "b": 1]) == stableHash(["b": 1, "a": 2]))
        #expect(stableHash(["a": [1, 2]]) != stableHash(["a": [2, 1]]))
    }
}
