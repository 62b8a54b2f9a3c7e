import Foundation
@testable import GitSource
import TestSupport
import Testing

@Suite("Local repositories (file:// and a path)", .needs(Servers.hasGit, "git"))
struct LocalTransportTests {
    @Test func fileURLLifecycle() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try Lifecycle.run(url: "file://" + repo.bare, repo: repo, folder: folder)
    }

    @Test func plainPathLifecycle() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try Lifecycle.run(url: repo.bare, repo: repo, folder: folder)
    }

    @Test func missingBranchNamesTheOnesThereAre() throws {
        let folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["a": "1"], message: "one")
        let mirror = try GitMirror(path: folder.sub("mirror"), config: GitSourceConfig(url: repo.bare, branch: "release"))
        #expect(throws: GitSourceError.branchNotFound(branch: "release", url: repo.bare, available: ["main"])) {
            try mirror.sync()
        }
    }

    @Test func missingRepositoryIsAClearError() throws {
        let folder = try TempFolder()
        let mirror = try GitMirror(path: folder.sub("mirror"), config: GitSourceConfig(url: folder.sub("nothing-here.git")))
        let path = folder.sub("nothing-here.git")
        #expect(throws: GitSourceError.unreachable(url: path, reason: "there is no repository at \(path)")) {
            try mirror.remoteHead()
        }
    }

    @Test func badBranchAndMirrorFolder() throws {
        let folder = try TempFolder()
        #expect(throws: GitSourceError.invalidBranch("bad..name")) {
            try GitMirror(path: folder.sub("m"), config: GitSourceConfig(url: "/x", branch: "bad..name"))
        }
        try folder.write("not-a-repo.txt", "hello")
        #expect {
            try GitMirror(path: folder.path, config: GitSourceConfig(url: "/x"))
        } throws: { ($0 as? GitSourceError)?.description.contains("not a bare git repository") == true }
    }
}

@Suite("Reading a commit's tree", .needs(Servers.hasGit, "git"))
struct TreeReadingTests {
    let folder: TempFolder
    let mirror: GitMirror
    let commit: String

    init() throws {
        folder = try TempFolder()
        let repo = try TeamRepo(in: folder)
        try repo.commit(["providers.yaml": "version: 1\n", "specs/b.yaml": "b\n", "specs/a.yaml": "a\n",
                         "specs/sub/c.yaml": "c\n", "empty.yaml": ""], message: "spec")
        try Shell.run(["ln", "-s", "providers.yaml", repo.work + "/link.yaml"])
        commit = try repo.commit([:], message: "a link")
        mirror = try GitMirror(path: folder.sub("mirror"), config: GitSourceConfig(url: repo.bare))
        try mirror.fetch()
    }

    @Test func readsFilesAndFolders() throws {
        #expect(try mirror.readFile("providers.yaml", at: commit) == Array("version: 1\n".utf8))
        #expect(try mirror.readFile("./specs//a.yaml", at: commit) == Array("a\n".utf8))
        #expect(try mirror.readFile("empty.yaml", at: commit) == [])
        #expect(try mirror.listFolder("specs", at: commit) == ["a.yaml", "b.yaml"])
        #expect(try mirror.listFolder("", at: commit) == ["empty.yaml", "providers.yaml"])
        #expect(try mirror.readFile("providers.yaml", at: String(commit.prefix(10))) == Array("version: 1\n".utf8))
    }

    @Test func missingAndWrongKindsAreClearErrors() throws {
        #expect(throws: GitSourceError.fileNotFound(path: "missing.yaml", commit: commit)) {
            try mirror.readFile("missing.yaml", at: commit)
        }
        #expect(throws: GitSourceError.fileNotFound(path: "specs/missing", commit: commit)) {
            try mirror.listFolder("specs/missing", at: commit)
        }
        #expect(throws: GitSourceError.notAFile(path: "specs", commit: commit, kind: "folder")) {
            try mirror.readFile("specs", at: commit)
        }
        #expect(throws: GitSourceError.notAFile(path: "link.yaml", commit: commit, kind: "symbolic link")) {
            try mirror.readFile("link.yaml", at: commit)
        }
        #expect(throws: GitSourceError.notAFolder(path: "providers.yaml", commit: commit)) {
            try mirror.listFolder("providers.yaml", at: commit)
        }
        #expect(throws: GitSourceError.invalidPath("../etc/passwd", reason: "'..' cannot leave the repository")) {
            try mirror.readFile("../etc/passwd", at: commit)
        }
        #expect(throws: GitSourceError.commitNotFound("HEAD~1")) { try mirror.readFile("providers.yaml", at: "HEAD~1") }
        let absent = String(repeating: "ab", count: 20)
        #expect(throws: GitSourceError.commitNotFound(absent)) { try mirror.readFile("providers.yaml", at: absent) }
        let message = GitSourceError.fileNotFound(path: "missing.yaml", commit: commit).description
        #expect(message == "'missing.yaml' does not exist in commit \(commit.prefix(12))")
    }

    @Test func commitInfoAndUnsignedCommit() throws {
        let info = try mirror.commitInfo(commit)
        #expect(info.id == commit && info.summary == "a link" && info.author == "Team Admin <admin@example.com>")
        #expect(abs(Double(info.time) - Date().timeIntervalSince1970) < 600)
        #expect(try mirror.commitSignature(commit) == nil)
    }
}
