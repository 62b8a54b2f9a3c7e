import JSONCore
import OpenCodeLayers
import Testing

/// OpenCode's merge of layers (`mergeConfigConcatArrays` and `mergePluginOrigins` at 1.15.12),
/// one documented rule per test.
@Suite("OpenCode layers: the merge")
struct MergeRuleTests {
    func object(_ text: String) throws -> JSONObject { try #require(try JSONParser.value(text).objectValue) }

    func merged(_ layers: String...) throws -> JSONValue {
        .object(ConfigMerge.merge(try layers.map(object)))
    }

    @Test func plainObjectsMergeKeyByKey() throws {
        let result = try merged(#"{"provider": {"a": {"options": {"baseURL": "http://a", "timeout": 5}, "models": {"m1": {}}}}}"#,
                                #"{"provider": {"a": {"options": {"timeout": 9}, "models": {"m2": {}}}, "b": {"name": "B"}}}"#)
        #expect(result["provider"]?["a"]?["options"] == ["baseURL": "http://a", "timeout": 9])
        #expect(result["provider"]?["a"]?["models"]?.objectValue?.keys == ["m1", "m2"])
        #expect(result["provider"]?["b"]?["name"] == "B")
    }

    @Test func arraysAreReplacedByTheLaterLayer() throws {
        let result = try merged(#"{"enabled_providers": ["a", "b"], "disabled_providers": ["x"]}"#,
                                #"{"enabled_providers": ["c"]}"#, #"{"disabled_providers": []}"#)
        #expect(result["enabled_providers"] == ["c"])
        #expect(result["disabled_providers"] == [])
    }

    @Test func scalarsAndMismatchedTypesAreReplaced() throws {
        let result = try merged(#"{"model": "a/m", "share": {"x": 1}}"#, #"{"model": "b/m", "share": "auto"}"#)
        #expect(result["model"] == "b/m")
        #expect(result["share"] == "auto")
    }

    @Test func instructionsAreConcatenatedOnceEach() throws {
        let result = try merged(#"{"instructions": ["a.md", "b.md"]}"#, #"{"instructions": ["b.md", "c.md"]}"#, #"{"model": "x/y"}"#)
        #expect(result["instructions"] == ["a.md", "b.md", "c.md"])
    }

    @Test func instructionsOfOneLayerAloneAreKept() throws {
        #expect(try merged(#"{}"#, #"{"instructions": ["a.md"]}"#)["instructions"] == ["a.md"])
        #expect(try merged(#"{"instructions": ["a.md"]}"#, #"{}"#)["instructions"] == ["a.md"])
    }

    @Test func pluginsAreCombinedAndTheLaterVersionOfAPackageWins() throws {
        let result = try merged(#"{"plugin": ["@tarquinen/opencode-dcp@^1.2.7", "other@1"]}"#,
                                #"{"plugin": ["@tarquinen/opencode-dcp@^2.0.0"]}"#, #"{"model": "x/y"}"#,
                                #"{"plugin": ["file:///p/local.js", "third"]}"#)
        #expect(result["plugin"] == ["other@1", "@tarquinen/opencode-dcp@^2.0.0", "file:///p/local.js", "third"])
    }

    @Test func laterEmptyObjectsChangeNothing() throws {
        #expect(try merged(#"{"provider": {"a": {"name": "A"}}}"#, #"{"provider": {}}"#)["provider"]?["a"]?["name"] == "A")
    }
}
