import OpenCodeLayers
import Testing

/// Whether a provider survives, and which file decided, for each rule of OpenCode's provider
/// filter and each way a later file can change what provider-sync wrote.
@Suite("OpenCode layers: the verdict per provider")
struct VerdictTests {
    /// The bench with provider-sync's providers `a` and `b` in the global opencode.json.
    func bench(_ extra: String = "") throws -> (Workbench, own: String) {
        let bench = try Workbench()
        let own = try bench.write(bench.global + "/opencode.json", Workbench.config(
            ["a": Workbench.provider("http://a.test/v1"), "b": Workbench.provider("http://b.test/v1")], extra))
        return (bench, own)
    }

    @Test func definedAndUnfilteredIsUsable() throws {
        let (bench, own) = try bench()
        let verdict = try #require(try bench.cli(["a"], own: [own]).verdict("a"))
        #expect(verdict.reason == .usable && verdict.definedIn == [own] && verdict.notes.isEmpty)
    }

    @Test func definedNowhereIsNotDefined() throws {
        let (bench, own) = try bench()
        #expect(try bench.cli(["z"], own: [own]).verdict("z")?.reason == .notDefined)
    }

    @Test func enabledProvidersOfTheLastLayerThatSetsItDecides() throws {
        let (bench, own) = try bench(#""enabled_providers": ["a", "b"]"#)
        try bench.mkdir("work/.git")
        let project = try bench.write("work/opencode.json", #"{"enabled_providers": ["a", "anthropic"]}"#)
        let explanation = try bench.cli(["a", "b"], own: [own])
        #expect(explanation.verdict("a")?.usable == true)
        let b = try #require(explanation.verdict("b"))
        #expect(b.reason == .notEnabled && b.decidingFile == project)
        #expect(b.detail.contains("it lists a, anthropic"))
        #expect(!explanation.usable)
    }

    @Test func aLaterListReplacesAnEarlierOne() throws {
        let (bench, own) = try bench(#""enabled_providers": ["x"]"#)
        bench.environment["OPENCODE_CONFIG_CONTENT"] = #"{"enabled_providers": ["a", "b"]}"#
        #expect(try bench.cli(["a", "b"], own: [own]).usable)
    }

    @Test func disabledWinsOverEnabled() throws {
        let (bench, own) = try bench(#""disabled_providers": ["b"]"#)
        bench.environment["OPENCODE_CONFIG_CONTENT"] = #"{"enabled_providers": ["a", "b"]}"#
        let b = try #require(try bench.cli(["b"], own: [own]).verdict("b"))
        #expect(b.reason == .disabled && b.decidingFile == own)
    }

    @Test func aLaterBaseURLOverridesOurs() throws {
        let (bench, own) = try bench()
        try bench.mkdir("work/.git")
        let project = try bench.write("work/opencode.json", Workbench.config(["a": #"{"options": {"baseURL": "http://elsewhere.test/v1"}}"#]))
        let a = try #require(try bench.cli(["a"], own: [own]).verdict("a"))
        #expect(a.reason == .overridden && a.decidingFile == project)
        #expect(a.detail.contains("options.baseURL") && a.detail.contains("http://elsewhere.test/v1"))
        #expect(a.definedIn == [own, project])
    }

    @Test func aLaterApiKeyOverridesOursWithoutShowingEither() throws {
        let bench = try Workbench()
        let own = try bench.write(bench.global + "/opencode.json", Workbench.config(["a": Workbench.provider("http://a.test/v1", key: "sk-ours-1234567890")]))
        bench.environment["OPENCODE_CONFIG_CONTENT"] = Workbench.config(["a": #"{"options": {"apiKey": "sk-theirs-0987654321"}}"#])
        let a = try #require(try bench.cli(["a"], own: [own]).verdict("a"))
        #expect(a.reason == .overridden && a.decidingFile == "OPENCODE_CONFIG_CONTENT")
        #expect(!a.detail.contains("sk-") && a.detail.contains("options.apiKey"))
    }

    @Test func aLaterModelChangeOverridesOurs() throws {
        let (bench, own) = try bench()
        let jsonc = try bench.write(bench.global + "/opencode.jsonc", Workbench.config(["a": #"{"models": {"m": {"name": "renamed"}, "extra": {}}}"#]))
        let a = try #require(try bench.cli(["a"], own: [own]).verdict("a"))
        #expect(a.reason == .overridden && a.decidingFile == jsonc && a.detail.contains("model m"))
    }

    @Test func aLaterFileAddingAModelOverridesNothing() throws {
        let (bench, own) = try bench()
        try bench.write(bench.global + "/opencode.jsonc", Workbench.config(["a": #"{"models": {"extra": {}}, "name": "Renamed"}"#]))
        #expect(try bench.cli(["a"], own: [own]).verdict("a")?.usable == true)
    }

    @Test func anUnsetKeyVariableBlocksTheAuthJsonKey() throws {
        let bench = try Workbench()
        let own = try bench.write(bench.global + "/opencode.json", Workbench.config(["a": Workbench.provider("http://a.test/v1", key: "{env:A_KEY}")]))
        let noted = try #require(try bench.cli(["a"], own: [own]).verdict("a"))
        #expect(noted.usable && noted.notes == ["options.apiKey is {env:A_KEY}, and A_KEY is not set where OpenCode runs: requests go without a key"])
        try bench.write(bench.home + "/.local/share/opencode/auth.json", #"{"a": {"type": "api", "key": "sk-in-auth-json"}}"#)
        let blocked = try #require(try bench.cli(["a"], own: [own]).verdict("a"))
        #expect(blocked.reason == .keyBlocked && blocked.decidingFile == own && !blocked.detail.contains("sk-"))
        bench.environment["A_KEY"] = "set"
        #expect(try bench.cli(["a"], own: [own]).verdict("a")?.usable == true)
    }

    @Test func aFileThatDoesNotParseStopsEverything() throws {
        let (bench, own) = try bench()
        let broken = try bench.write(bench.global + "/opencode.jsonc", #"{"model": "#)
        let explanation = try bench.cli(["a"], own: [own])
        let a = try #require(explanation.verdict("a"))
        #expect(a.reason == .configError && a.decidingFile == broken)
        let layer = try #require(explanation.outcomes[0].layers.first { $0.source.path == broken })
        #expect(layer.exists == true && layer.parses == false)
    }

    @Test func aMissingFileReferenceStopsEverythingButNotInAComment() throws {
        let (bench, own) = try bench()
        try bench.write("work/key.txt", "k")
        bench.environment["OPENCODE_CONFIG"] = try bench.write("work/custom.jsonc", """
            {
              // "apiKey": "{file:./gone.txt}"
              "provider": {"a": {"options": {"apiKey": "{file:./key.txt}"}}}
            }
            """)
        #expect(try bench.cli(["a"], own: [own]).verdict("a")?.reason != .configError)
        try bench.write("work/custom.jsonc", #"{"provider": {"b": {"options": {"apiKey": "{file:./gone.txt}"}}}}"#)
        let a = try #require(try bench.cli(["a"], own: [own]).verdict("a"))
        #expect(a.reason == .configError && a.detail.contains("gone.txt") && a.detail.contains("bad file reference"))
    }

    @Test func aListOfTheWrongTypeStopsEverything() throws {
        let (bench, own) = try bench(#""enabled_providers": "a""#)
        #expect(try bench.cli(["a"], own: [own]).verdict("a")?.reason == .configError)
    }

    @Test func aProviderOnlyInAnotherFileIsUsableWithANote() throws {
        let bench = try Workbench()
        let other = try bench.write(bench.global + "/opencode.jsonc", Workbench.config(["a": Workbench.provider("http://a.test/v1")]))
        let a = try #require(try bench.cli(["a"], own: [bench.global + "/opencode.json"]).verdict("a"))
        #expect(a.usable && a.notes == ["defined in \(other), not in the target's file"])
    }

    @Test func theEffectiveModelAndItsFile() throws {
        let (bench, own) = try bench(#""model": "a/m""#)
        var model = try #require(try bench.cli(["a"], own: [own]).outcomes[0].model)
        #expect(model == ModelSetting(value: "a/m", file: own, providerUsable: true))
        bench.environment["OPENCODE_CONFIG_CONTENT"] = #"{"model": "anthropic/claude", "disabled_providers": ["a"]}"#
        model = try #require(try bench.cli(["a"], own: [own]).outcomes[0].model)
        #expect(model.value == "anthropic/claude" && model.file == "OPENCODE_CONFIG_CONTENT" && model.providerUsable == nil)
        bench.environment["OPENCODE_CONFIG_CONTENT"] = #"{"disabled_providers": ["a"]}"#
        #expect(try bench.cli(["a"], own: [own]).outcomes[0].model?.providerUsable == false)
    }
}
