import OpenCodeLayers
import Testing

/// Where each layer goes in OpenCode's order (`loadInstanceState`), shown by which file's
/// `model` wins and by the list of layers.
@Suite("OpenCode layers: the order")
struct LayerOrderTests {
    func model(_ bench: Workbench, cwd: String? = nil, version: OpenCodeVersion? = OpenCodeVersion(1, 15, 12)) throws -> String? {
        try bench.cli([], own: [], cwd: cwd, version: version).outcomes[0].model?.value
    }

    @Test func globalFilesLoadConfigJsonThenJsonThenJsonc() throws {
        let bench = try Workbench()
        try bench.write(bench.global + "/config.json", #"{"model": "a/config"}"#)
        #expect(try model(bench) == "a/config")
        try bench.write(bench.global + "/opencode.json", #"{"model": "a/json"}"#)
        #expect(try model(bench) == "a/json")
        try bench.write(bench.global + "/opencode.jsonc", "// comments allowed\n{\"model\": \"a/jsonc\",}")
        #expect(try model(bench) == "a/jsonc")
    }

    @Test func opencodeConfigComesAfterTheGlobalFiles() throws {
        let bench = try Workbench()
        try bench.write(bench.global + "/opencode.jsonc", #"{"model": "a/global"}"#)
        bench.environment["OPENCODE_CONFIG"] = try bench.write("elsewhere/custom.json", #"{"model": "a/custom"}"#)
        #expect(try model(bench) == "a/custom")
        #expect(try bench.cli([], own: []).order.contains(bench.folder("elsewhere/custom.json")))
    }

    @Test func projectFilesComeAfterOpencodeConfigAndTheNearestWins() throws {
        let bench = try Workbench()
        try bench.mkdir("work/.git")
        bench.environment["OPENCODE_CONFIG"] = try bench.write("custom.json", #"{"model": "a/custom"}"#)
        try bench.write("work/opencode.json", #"{"model": "a/root"}"#)
        #expect(try model(bench) == "a/root")
        try bench.write("work/sub/opencode.json", #"{"model": "a/sub"}"#)
        #expect(try model(bench, cwd: bench.folder("work/sub")) == "a/sub")
        #expect(try model(bench) == "a/root")
    }

    @Test func projectFilesStopAtTheWorktreeTop() throws {
        let bench = try Workbench()
        try bench.write("opencode.json", #"{"model": "a/above-the-repository"}"#)
        #expect(try model(bench) == "a/above-the-repository")  // no repository: up to the root
        try bench.mkdir("work/.git")
        #expect(try model(bench) == nil)
    }

    @Test func aLinkedWorktreeStopsAtTheMainWorktree() throws {
        let bench = try Workbench()
        try bench.mkdir("main/.git/worktrees/feature")
        try bench.write("main/.git/worktrees/feature/commondir", "../..\n")
        try bench.write("main/opencode.json", #"{"model": "a/main"}"#)
        try bench.write("linked/.git", "gitdir: \(bench.folder("main/.git/worktrees/feature"))\n")
        try bench.write("opencode.json", #"{"model": "a/above"}"#)
        // The walk from the linked worktree never meets the main one's folder: it goes to the root.
        #expect(try model(bench, cwd: bench.folder("linked")) == "a/above")
        try bench.write("main/sub/opencode.json", #"{"model": "a/sub"}"#)
        #expect(try model(bench, cwd: bench.folder("main/sub")) == "a/sub")
    }

    @Test func withinAProjectFolderJsoncWinsToday() throws {
        let bench = try Workbench()
        try bench.mkdir("work/.git")
        try bench.write("work/opencode.json", #"{"model": "a/json"}"#)
        try bench.write("work/opencode.jsonc", #"{"model": "a/jsonc"}"#)
        #expect(try model(bench) == "a/jsonc")
        // Legacy (every opencode.jsonc, then every opencode.json): json wins.
        #expect(try model(bench, version: OpenCodeVersion(1, 2, 24)) == "a/json")
    }

    @Test func legacyProjectOrderGoesByNameAcrossFolders() throws {
        let bench = try Workbench()
        try bench.mkdir("work/.git")
        try bench.write("work/opencode.json", #"{"model": "a/root-json"}"#)
        try bench.write("work/sub/opencode.jsonc", #"{"model": "a/sub-jsonc"}"#)
        #expect(try model(bench, cwd: bench.folder("work/sub")) == "a/sub-jsonc")
        #expect(try model(bench, cwd: bench.folder("work/sub"), version: OpenCodeVersion(1, 3, 16)) == "a/root-json")
    }

    @Test func dotOpencodeFoldersComeAfterProjectFilesNearestFirst() throws {
        let bench = try Workbench()
        try bench.mkdir("work/.git")
        try bench.write("work/sub/opencode.json", #"{"model": "a/project"}"#)
        try bench.write("work/sub/.opencode/opencode.json", #"{"model": "a/near"}"#)
        #expect(try model(bench, cwd: bench.folder("work/sub")) == "a/near")
        // Nearest first, so the folder nearer the root is merged later and wins (OpenCode issue #45266).
        try bench.write("work/.opencode/opencode.json", #"{"model": "a/far"}"#)
        #expect(try model(bench, cwd: bench.folder("work/sub")) == "a/far")
        // ~/.opencode after every project .opencode folder.
        try bench.write(bench.home + "/.opencode/opencode.json", #"{"model": "a/home"}"#)
        #expect(try model(bench, cwd: bench.folder("work/sub")) == "a/home")
    }

    @Test func configDirComesLastOfTheFoldersAndItsOrderDependsOnTheVersion() throws {
        let bench = try Workbench()
        try bench.write(bench.home + "/.opencode/opencode.json", #"{"model": "a/home"}"#)
        bench.environment["OPENCODE_CONFIG_DIR"] = bench.folder("dir")
        try bench.write("dir/opencode.json", #"{"model": "a/dir-json"}"#)
        #expect(try model(bench) == "a/dir-json")
        try bench.write("dir/opencode.jsonc", #"{"model": "a/dir-jsonc"}"#)
        #expect(try model(bench, version: OpenCodeVersion(1, 4, 3)) == "a/dir-jsonc")
        #expect(try model(bench, version: OpenCodeVersion(1, 2, 1)) == "a/dir-json")
    }

    @Test func configContentComesAfterTheFoldersSince1_2() throws {
        let bench = try Workbench()
        try bench.write("work/.opencode/opencode.json", #"{"model": "a/folder"}"#)
        bench.environment["OPENCODE_CONFIG_CONTENT"] = #"{"model": "a/content"}"#
        #expect(try model(bench, version: OpenCodeVersion(1, 2, 0)) == "a/content")
        #expect(try model(bench, version: OpenCodeVersion(1, 1, 16)) == "a/folder")
        // 1.1.47 to 1.1.x: either; both outcomes.
        let open = try bench.cli([], own: [], version: OpenCodeVersion(1, 1, 50))
        #expect(open.outcomes.map { $0.model?.value } == ["a/folder", "a/content"])
        #expect(open.outcomes[0].assumptions == ["OPENCODE_CONFIG_CONTENT loads before the config folders (OpenCode before 1.1.47)"])
    }

    @Test func theManagedFolderComesLast() throws {
        let bench = try Workbench()
        bench.environment["OPENCODE_CONFIG_CONTENT"] = #"{"model": "a/content"}"#
        try bench.write("managed/opencode.json", #"{"model": "a/managed-json"}"#)
        #expect(try model(bench) == "a/managed-json")
        try bench.write("managed/opencode.jsonc", #"{"model": "a/managed-jsonc"}"#)
        #expect(try model(bench) == "a/managed-jsonc")
        // Before 1.3.0 no release is known to have it for sure: with it, and without.
        let early = try bench.cli([], own: [], version: OpenCodeVersion(1, 2, 10))
        #expect(early.outcomes.map { $0.model?.value } == ["a/content", "a/managed-jsonc"])
    }

    @Test func disablingProjectConfigSkipsProjectFilesAndFolders() throws {
        let bench = try Workbench()
        try bench.write("work/opencode.json", #"{"model": "a/project"}"#)
        try bench.write("work/.opencode/opencode.json", #"{"model": "a/folder"}"#)
        bench.environment["OPENCODE_DISABLE_PROJECT_CONFIG"] = "true"
        #expect(try model(bench) == nil)
    }

    @Test func theAppReadsItsFileAsOpencodeConfigAndAgainInItsConfigDir() throws {
        let bench = try Workbench()
        let explanation = try bench.app([], version: OpenCodeVersion(1, 4, 3))
        let app = bench.appFolder
        #expect(explanation.order.suffix(3) == [app + "/opencode.json", app + "/opencode.json", app + "/opencode.jsonc"])
        #expect(explanation.situation.workingDirectory == bench.work)
        let legacy = try bench.app([], version: OpenCodeVersion(1, 2, 1))
        #expect(legacy.order.suffix(2) == [app + "/opencode.jsonc", app + "/opencode.json"])
    }

    @Test func theAppRunsInTheTemporaryFolderByDefault() throws {
        let bench = try Workbench()
        bench.environment["TMPDIR"] = bench.folder("tmp")
        let situation = try Situation.app("Openwork", on: bench.locations)
        #expect(situation.workingDirectory == bench.folder("tmp"))
        #expect(situation.environment["OPENCODE_CONFIG_DIR"] == bench.home + "/.config/Openwork/opencode")
    }

    @Test func remoteConfigIsListedFromAuthJson() throws {
        let bench = try Workbench()
        try bench.write(bench.home + "/.local/share/opencode/auth.json",
                        #"{"https://ai.example.com": {"type": "wellknown", "key": "K", "token": "secret-token"}, "x": {"type": "api", "key": "k"}}"#)
        let first = try #require(try bench.cli([], own: []).outcomes[0].layers.first)
        #expect(first.source == LayerSource(kind: .remote, path: "https://ai.example.com"))
        #expect(first.exists == nil)
    }
}
