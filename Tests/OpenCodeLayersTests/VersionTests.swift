import OpenCodeLayers
import Foundation
import Testing
import Workstation

@Suite("OpenCode layers: versions")
struct VersionTests {
    @Test func versionsAreFoundInWhatOpencodePrints() {
        #expect(OpenCodeVersion(finding: "1.2.1") == OpenCodeVersion(1, 2, 1))
        #expect(OpenCodeVersion(finding: "opencode 1.15.12\n") == OpenCodeVersion(1, 15, 12))
        #expect(OpenCodeVersion(finding: "v1.4.3") == OpenCodeVersion(1, 4, 3))
        #expect(OpenCodeVersion(finding: "build 12, 1.3.7") == OpenCodeVersion(1, 3, 7))
        #expect(OpenCodeVersion(finding: "local") == nil)
        #expect(OpenCodeVersion(finding: "1.4") == nil)
        #expect(OpenCodeVersion(1, 3, 8) > OpenCodeVersion(1, 3, 7) && OpenCodeVersion(1, 10, 0) > OpenCodeVersion(1, 9, 9))
    }

    /// The app with its file (enabled_providers of its own) and a sidecar jsonc that lists ours:
    /// which file wins in OPENCODE_CONFIG_DIR is the whole question.
    func appWithSidecar() throws -> Workbench {
        let bench = try Workbench()
        try bench.write(bench.appFolder + "/opencode.json", #"{"enabled_providers": ["anthropic", "openai"], "model": "anthropic/claude"}"#)
        try bench.write(bench.appFolder + "/opencode.jsonc",
                        Workbench.config(["ours": Workbench.provider("http://ours.test/v1")], #""enabled_providers": ["anthropic", "openai", "ours"]"#))
        return bench
    }

    @Test func theAppUnder1_2LoadsItsOwnFileLast() throws {
        let bench = try appWithSidecar()
        let explanation = try bench.app(["ours"], own: [bench.appFolder + "/opencode.jsonc"], version: OpenCodeVersion(1, 2, 1))
        #expect(explanation.outcomes.count == 1)
        let ours = try #require(explanation.verdict("ours"))
        #expect(ours.reason == .notEnabled && ours.decidingFile == bench.appFolder + "/opencode.json")
    }

    @Test func theAppUnder1_4LoadsTheSidecarLast() throws {
        let bench = try appWithSidecar()
        let explanation = try bench.app(["ours"], own: [bench.appFolder + "/opencode.jsonc"], version: OpenCodeVersion(1, 4, 3))
        #expect(explanation.outcomes.count == 1 && explanation.usable)
    }

    @Test func anUnknownVersionGivesBothOutcomes() throws {
        let bench = try appWithSidecar()
        let explanation = try bench.app(["ours"], own: [bench.appFolder + "/opencode.jsonc"], version: nil)
        #expect(explanation.outcomes.count == 2)
        #expect(explanation.outcomes.map { $0.providers[0].reason } == [.notEnabled, .usable])
        #expect(explanation.outcomes[0].assumptions
            == ["OPENCODE_CONFIG_DIR and .opencode folders load opencode.jsonc, then opencode.json (OpenCode before 1.3.0)"])
        #expect(explanation.verdict("ours")?.reason == .notEnabled)  // the summary: not usable in one of them
        #expect(!explanation.usable)
        // 1.3.0 to 1.3.7 is open too.
        #expect(try bench.app(["ours"], own: [bench.appFolder + "/opencode.jsonc"], version: OpenCodeVersion(1, 3, 5)).outcomes.count == 2)
    }

    @Test func anUnknownVersionThatChangesNothingGivesOneOutcome() throws {
        let bench = try Workbench()
        try bench.write(bench.appFolder + "/opencode.json", Workbench.config(["ours": Workbench.provider("http://ours.test/v1")]))
        let explanation = try bench.app(["ours"], version: nil)
        #expect(explanation.outcomes.count == 1 && explanation.outcomes[0].assumptions.isEmpty && explanation.usable)
    }

    @Test func anOpenPointThatChangesNothingIsNamedButGivesOneOutcome() throws {
        let bench = try Workbench()
        try bench.write(bench.appFolder + "/opencode.json", Workbench.config(["ours": Workbench.provider("http://ours.test/v1")]))
        try bench.write(bench.appFolder + "/opencode.jsonc", #"{"enabled_providers": ["anthropic", "ours"]}"#)
        let explanation = try bench.app(["ours"], version: nil)
        #expect(explanation.outcomes.count == 1 && explanation.usable)
        #expect(explanation.undecided == [.folderFileOrder])
        #expect(try bench.app(["ours"], version: OpenCodeVersion(1, 4, 3)).undecided.isEmpty)
    }

    @Test func theAppsBundledVersionIsReadFromItsResources() throws {
        let bench = try Workbench()
        bench.environment["PROVIDER_SYNC_APP_RESOURCES"] = bench.folder("resources")
        let detector = VersionDetector { _, _ in Issue.record("the app's version is read, not run"); return nil }
        let situation = try Situation.app("Accomplish", on: bench.locations)
        #expect(detector.find(for: situation).source == .unknown)
        let package = try bench.write("resources/app.asar.unpacked/node_modules/opencode-windows-x64/package.json", #"{"name": "opencode-windows-x64", "version": "1.2.24"}"#)
        #expect(detector.find(for: situation) == VersionFinding(version: OpenCodeVersion(1, 2, 24), source: .app, from: package))
        let ai = try bench.write("resources/app.asar.unpacked/node_modules/opencode-ai/package.json", #"{"name": "opencode-ai", "version": "1.2.1"}"#)
        #expect(detector.find(for: situation) == VersionFinding(version: OpenCodeVersion(1, 2, 1), source: .app, from: ai))
    }

    @Test func theTerminalsVersionIsWhatOpencodeOnPathPrints() throws {
        let bench = try Workbench()
        let detector = VersionDetector { program, _ in program == bench.folder("bin/opencode") ? "1.4.3\n" : nil }
        let situation = try Situation.cli(on: bench.locations)
        #expect(detector.find(for: situation).source == .unknown)
        let program = try bench.write("bin/opencode", "#!/bin/sh\n")
        #expect(detector.find(for: situation).source == .unknown)  // not executable
        chmod(program, 0o755)
        bench.environment["PATH"] = "/nonexistent:" + bench.folder("bin")
        #expect(detector.find(for: try Situation.cli(on: bench.locations)) == VersionFinding(version: OpenCodeVersion(1, 4, 3), source: .path, from: program))
    }

    @Test func theInstallersFolderIsLookedInToo() throws {
        let bench = try Workbench()
        let program = try bench.write(bench.home + "/.opencode/bin/opencode", "#!/bin/sh\n")
        chmod(program, 0o755)
        let detector = VersionDetector { _, _ in "1.15.12" }
        #expect(detector.find(for: try Situation.cli(on: bench.locations)).from == program)
    }
}
