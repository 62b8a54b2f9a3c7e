import Foundation
import JSONCore
import Testing

/// `apply providers.d/` reads a folder as the agent reads the same files from a commit.
@Suite("apply of a spec folder, beside the agent", .enabled(if: AgentTools.hasGit))
struct ApplyFolderTests {
    /// Regression: apply took one file only ("is a folder, not a regular file", exit 2).
    @Test("after the agent applied a commit, apply of the same folder is up to date with the same spec hash; a clash is refused as the agent refuses it")
    func sameAsAgent() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.d/10-local.yaml": agentSpec(["local"], model: false), "providers.d/20-gateway.yaml": agentSpec(["gateway"]),
                          "providers.d/.pre-commit-config.yaml": "repos: []\n", "providers.d/old/30-local.yaml": agentSpec(["local"])])
        try world.initAgent(url: world.fileURL, ["--path", "providers.d"])
        #expect(try world.cli(["agent", "once"]).status == 0)
        let written = fileText(world.openworkPath)

        let apply = try world.cli(["apply", world.work + "/providers.d"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("up to date"), "\(apply.stdout)")
        #expect(fileText(world.openworkPath) == written)
        // A different spec hash would show as "another apply wrote the file" in the agent's drift.
        let drift = try world.status()["drift"]?.arrayValue ?? []
        #expect(drift.isEmpty, "\(drift)")
        #expect(try world.cli(["render", world.work + "/providers.d"]).stdout.contains("\"gateway/m-gateway\""))

        let clash = try world.commit(["providers.d/30-more.yaml": agentSpec(["local"], model: false)])
        let refused = try world.cli(["apply", world.work + "/providers.d"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(world.work)/providers.d/30-more.yaml:3:3: error: provider 'local' is also declared in \(world.work)/providers.d/10-local.yaml:3:3"),
                "\(refused.stderr)")
        #expect(try world.cli(["agent", "once"]).status == 1)
        let error = try world.status()["lastError"]?["diagnostics"]?[0]
        #expect(error?["file"] == .string("team@\(clash.prefix(7)):providers.d/30-more.yaml"))
        #expect(error?["line"] == 3)
        #expect(error?["code"] == "spec.duplicate-provider")
        #expect(fileText(world.openworkPath) == written)
    }
}
