import Foundation
import JSONCore
import Testing

/// A spec with one model per provider; `model` names the first provider's model.
func agentSpec(_ ids: [String], name: String = "Server", model: Bool = true) -> String {
    var text = "version: 1\nproviders:\n"
    for id in ids {
        text += "  \(id):\n    name: \(name) \(id)\n    url: http://localhost:8000\n    models: [m-\(id)]\n"
    }
    if model, let first = ids.first { text += "model: \(first)/m-\(first)\n" }
    return text
}

/// The provider ids in the opencode.json at `path`, in file order.
func providerIDs(_ path: String) throws -> [String] {
    let text = try #require(fileText(path), "no file at \(path)")
    return try parsed(text)["provider"]?.objectValue?.keys ?? []
}

@Suite("agent: commits applied through a real git daemon", .enabled(if: AgentTools.hasGit))
struct AgentApplyTests {
    @Test("a new commit is applied; the next poll is up to date and writes nothing; a later commit applies")
    func newCommits() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let daemon = try world.startGitDaemon()
        let first = try world.commit(["providers.yaml": agentSpec(["alpha"])], message: "alpha")
        try world.initAgent(url: "git://127.0.0.1:\(daemon.port)/team.git")

        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stdout == "applied \(first.prefix(12))\n")
        #expect(try providerIDs(world.openworkPath) == ["alpha"])
        #expect(once.stderr.contains(" notice revision-applied "))
        var status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(first))
        #expect(status["lastAttemptedRevision"] == .string(first))
        #expect(status["lastError"] == .null)
        #expect(status["source"]?["url"] == .string("git://127.0.0.1:\(daemon.port)/team.git"))

        let facts = FileFacts(world.openworkPath)
        let again = try world.cli(["agent", "once"])
        #expect(again.status == 0)
        #expect(again.stdout == "up to date at \(first.prefix(12))\n")
        #expect(FileFacts(world.openworkPath) == facts, "an up-to-date poll must not touch the file")

        let second = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])], message: "beta")
        let later = try world.cli(["agent", "once"])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stderr.contains("change=fastForward"))
        #expect(try providerIDs(world.openworkPath) == ["alpha", "beta"])
        status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(second))
        #expect(FileFacts(world.openworkPath)?.mode == 0o600)
        #expect(FileFacts(world.statusFile)?.mode == 0o600)
    }

    @Test("an invalid commit keeps the last good state: applied != attempted, the error in status, the file unchanged; a later good commit applies")
    func invalidCommit() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let daemon = try world.startGitDaemon()
        let good = try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: "git://127.0.0.1:\(daemon.port)/team.git")
        #expect(try world.cli(["agent", "once"]).status == 0)
        let before = try #require(fileBytes(world.openworkPath))

        let broken = agentSpec(["alpha", "beta"]).replacingOccurrences(of: "    models: [m-beta]", with: "    modles: [m-beta]")
        let bad = try world.commit(["providers.yaml": broken], message: "typo")
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 1, "\(once.stderr)")
        // The diagnostic names the file as <repo>@<short sha>:<path>, with line and column.
        let place = "team@\(bad.prefix(7)):providers.yaml:10:5: error: unknown property 'modles'"
        #expect(once.stderr.contains(place), "\(once.stderr)")
        #expect(once.stderr.contains("did you mean 'models'?"))
        #expect(fileBytes(world.openworkPath) == before)

        let status = try world.status()
        #expect(status["lastAppliedRevision"] == .string(good))
        #expect(status["lastAttemptedRevision"] == .string(bad))
        #expect(status["lastError"]?["revision"] == .string(bad))
        #expect(status["lastError"]?["kind"] == "rejected")
        #expect(status["lastError"]?["stage"] == "validate")
        #expect(status["lastError"]?["reason"] == "specInvalid")
        #expect(once.stderr.contains(" error revision-rejected ") && once.stderr.contains("reason=specInvalid"))
        #expect(status["lastError"]?["message"]?.stringValue?.contains(place) == true)
        #expect(status["consecutiveFailures"] == 1)
        let text = try world.cli(["agent", "status"]).stdout
        #expect(text.contains("last applied: \(good.prefix(12))"))
        #expect(text.contains("last attempted: \(bad.prefix(12))"))
        #expect(text.contains("(not applied)"))
        #expect(text.contains(place))

        // The same bad head again: still rejected, still nothing written.
        #expect(try world.cli(["agent", "once"]).status == 1)
        #expect(try world.status()["consecutiveFailures"] == 2)

        let fixed = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])], message: "fixed")
        let later = try world.cli(["agent", "once"])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(try providerIDs(world.openworkPath) == ["alpha", "beta"])
        let after = try world.status()
        #expect(after["lastAppliedRevision"] == .string(fixed))
        #expect(after["lastAttemptedRevision"] == .string(fixed))
        #expect(after["lastError"] == .null)
        #expect(after["consecutiveFailures"] == 0)
    }

    @Test("a force-push is followed and said in the log")
    func forcePush() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let daemon = try world.startGitDaemon()
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let second = try world.commit(["providers.yaml": agentSpec(["alpha", "beta"])])
        try world.initAgent(url: "git://127.0.0.1:\(daemon.port)/team.git")
        #expect(try world.cli(["agent", "once"]).status == 0)

        let rewritten = try world.forcePush(["providers.yaml": agentSpec(["alpha", "gamma"])], message: "rewritten")
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        let line = try #require(once.stderr.split(separator: "\n").first { $0.contains(" warning force-push ") })
        #expect(line.contains("old=\(second.prefix(12))"))
        #expect(line.contains("revision=\(rewritten.prefix(12))"))
        #expect(line.contains("change=rewritten"))
        #expect(try providerIDs(world.openworkPath) == ["alpha", "gamma"])
        #expect(try world.status()["lastAppliedRevision"] == .string(rewritten))
    }

    @Test("a folder of specs: merged in name order; a provider in two files is an error at the second naming the first's place")
    func folder() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit([
            "providers.d/20-gateway.yaml": agentSpec(["gateway"]),
            "providers.d/10-local.yaml": agentSpec(["local"], model: false),
            "providers.d/README.md": "not a spec",
        ])
        try world.initAgent(url: world.fileURL, ["--path", "providers.d"])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(try providerIDs(world.openworkPath) == ["local", "gateway"])
        #expect(try parsed(fileText(world.openworkPath)!)["model"] == "gateway/m-gateway")

        let clash = try world.commit(["providers.d/30-more.yaml": agentSpec(["local"], model: false)])
        let rejected = try world.cli(["agent", "once"])
        #expect(rejected.status == 1)
        let short = clash.prefix(7)
        #expect(rejected.stderr.contains("team@\(short):providers.d/30-more.yaml:3:3: error: provider 'local' is also declared in team@\(short):providers.d/10-local.yaml:3:3; keep it in one file"),
                "\(rejected.stderr)")
        #expect(try providerIDs(world.openworkPath) == ["local", "gateway"])
    }

    @Test("a target with a hand-made provider of the spec's id: stalled (exit 1, reason targetConflict), the file untouched")
    func targetConflict() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL)
        try FileManager.default.createDirectory(atPath: (world.openworkPath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let mine = #"{"provider": {"alpha": {"name": "Mine", "npm": "@ai-sdk/openai-compatible"}}}"# + "\n"
        try mine.write(toFile: world.openworkPath, atomically: true, encoding: .utf8)
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 1, "\(once.stderr)")
        #expect(once.stderr.contains("not applied (write): openwork ("), "\(once.stderr)")
        #expect(once.stderr.contains("provider alpha already exists in the file but was not written by provider-sync"))
        #expect(fileText(world.openworkPath) == mine)
        let error = try world.status()["lastError"]
        #expect(error?["reason"] == "targetConflict" && error?["kind"] == "rejected" && error?["stage"] == "write")
    }

    @Test("a commit without the spec file: rejected, saying where to set the path")
    func missingSpec() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["docs/README.md": "nothing here"])
        try world.initAgent(url: world.fileURL)
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 1)
        #expect(once.stderr.contains("providers.yaml does not exist in commit"))
        #expect(once.stderr.contains("source.path"))
        #expect(fileText(world.openworkPath) == nil)
    }

    @Test("another branch, targets of agent.yaml, and a settings change re-applies the same commit")
    func settings() throws {
        let world = try AgentWorld(branch: "release")
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let project = world.root + "/project/opencode.json"
        try world.initAgent(url: world.fileURL, ["--branch", "release", "--target", project])
        #expect(try world.cli(["agent", "once"]).status == 0)
        #expect(try providerIDs(project) == ["alpha"])
        #expect(fileText(world.openworkPath) == nil)

        try world.initAgent(url: world.fileURL, ["--branch", "release", "--target", project, "--target", "openwork", "--force"])
        let again = try world.cli(["agent", "once"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("applied "))
        #expect(try providerIDs(world.openworkPath) == ["alpha"])

        try world.initAgent(url: world.fileURL, ["--branch", "main", "--force"])
        let wrong = try world.cli(["agent", "once"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("branch 'main' does not exist"), "\(wrong.stderr)")
    }
}
