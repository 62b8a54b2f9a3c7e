import Foundation
import GitSource
import TestSupport
import Testing

@Suite("git:// against git daemon", .needs(Servers.hasGit, "git"))
struct GitDaemonTests {
    @Test func lifecycle() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let daemon = try Servers.gitDaemon(root: repo.root, folder: folder)
        defer { daemon.stop() }
        let measured = try Lifecycle.run(url: "git://127.0.0.1:\(daemon.port)/team.git", repo: repo, folder: folder)
        #expect(measured.idle.traffic.connections == 1)
        #expect(measured.idle.traffic.bytesReceived > 0)
        #expect(measured.idle.traffic.bytesReceived < measured.clone.traffic.bytesReceived)
    }

    @Test func unexportedRepositoryIsAClearError() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        let daemon = try Servers.gitDaemon(root: repo.root, folder: folder)
        defer { daemon.stop() }
        let mirror = try GitMirror(path: folder.sub("mirror"),
                                   config: GitSourceConfig(url: "git://127.0.0.1:\(daemon.port)/other.git"))
        let error = try #require(throws: GitSourceError.self) { try mirror.remoteHead() }
        #expect(error.description.contains("ls-remote of git://127.0.0.1:\(daemon.port)/other.git"))
    }
}
