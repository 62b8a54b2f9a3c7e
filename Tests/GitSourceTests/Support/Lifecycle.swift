import Foundation
import GitSource
import Testing

/// The agent's life against one server, the same for every transport: the first sync
/// clones, reads work at a commit, an idle poll fetches nothing, a new commit is fetched as a
/// fast-forward, a force-push is reported as rewritten, and a reopened mirror resumes.
enum Lifecycle {
    struct Measured {
        var clone: FetchResult
        var idle: FetchResult
        var update: FetchResult
    }

    @discardableResult
    static func run(url: String, auth: GitAuth? = nil, knownHosts: String? = nil,
                    repo: TeamRepo, folder: TempFolder) throws -> Measured {
        let first = try repo.commit([
            "providers.yaml": "version: 1\n",
            "providers.d/20-gateway.yaml": "gateway: {}\n",
            "providers.d/10-local.yaml": "local: {}\n",
            "providers.d/notes/readme.md": "not a spec\n",
        ], message: "first spec")
        let config = GitSourceConfig(url: url, branch: "main", auth: auth, knownHosts: knownHosts,
                                     timeouts: GitTimeouts(connect: .seconds(5), operation: .seconds(30)))
        let mirrorPath = folder.sub("mirror")
        let mirror = try GitMirror(path: mirrorPath, config: config)
        #expect(mirror.localHead() == nil)
        #expect(try mirror.remoteHead() == first)

        let clone = try mirror.sync()
        #expect(clone.change == .cloned)
        #expect(clone.old == nil && clone.new == first && clone.fetched)
        #expect(try mirror.readFile("providers.yaml", at: first) == Array("version: 1\n".utf8))
        #expect(try mirror.listFolder("providers.d", at: first) == ["10-local.yaml", "20-gateway.yaml"])

        let idle = try mirror.sync()
        #expect(idle.change == .unchanged && idle.new == first)
        #expect(!idle.fetched, "an unchanged branch must not be fetched")
        #expect(idle.transfer.receivedObjects == 0 && idle.transfer.receivedPackBytes == 0)

        let second = try repo.commit(["providers.yaml": "version: 2\n"], message: "second spec")
        let update = try mirror.sync()
        #expect(update.change == .fastForward && update.old == first && update.new == second && update.fetched)
        #expect(update.transfer.receivedObjects > 0)
        #expect(try mirror.readFile("providers.yaml", at: second) == Array("version: 2\n".utf8))
        #expect(try mirror.readFile("providers.yaml", at: first) == Array("version: 1\n".utf8))

        let rewritten = try repo.forcePush(["providers.yaml": "version: 3\n"], message: "rewritten spec")
        let forced = try mirror.sync()
        #expect(forced.change == .rewritten && forced.old == second && forced.new == rewritten)
        #expect(try mirror.commitInfo(rewritten).summary == "rewritten spec")

        let reopened = try GitMirror(path: mirrorPath, config: config)
        #expect(reopened.localHead() == rewritten)
        #expect(try reopened.sync().change == .unchanged)
        #expect(try reopened.fetch().change == .unchanged)
        return Measured(clone: clone, idle: idle, update: update)
    }
}
