import Agent
import Foundation
import GitSource

/// The team repository in memory: each commit a whole snapshot of its files, a branch head
/// that moves on commit and force-push, and a server that can be made to fail.
final class FakeRepository: RevisionSource, @unchecked Sendable {
    private struct Commit {
        var files: [String: String]
        var parent: String?
        var summary: String
    }

    private let lock = NSLock()
    private var commits: [String: Commit] = [:]
    private var branchHead: String?
    /// What the mirror last fetched: what `sync` compares the head with.
    private var mirrored: String?
    private var failure: GitSourceError?
    private var syncCount = 0

    /// Makes a commit on the branch with exactly `files`; returns its id.
    @discardableResult
    func commit(_ files: [String: String], summary: String = "change") -> String {
        lock.withLock {
            let id = String(format: "%040x", 0xc0ffee00 + commits.count)
            commits[id] = Commit(files: files, parent: branchHead, summary: summary)
            branchHead = id
            return id
        }
    }

    /// Replaces the head with a new commit on the head's parent (history rewritten).
    @discardableResult
    func forcePush(_ files: [String: String], summary: String = "rewritten") -> String {
        lock.withLock { branchHead = branchHead.flatMap { commits[$0]?.parent } }
        return commit(files, summary: summary)
    }

    /// Every `sync` throws this until it is set back to nil.
    func fail(with error: GitSourceError?) {
        lock.withLock { failure = error }
    }

    var syncs: Int { lock.withLock { syncCount } }

    // MARK: RevisionSource

    func sync() throws(GitSourceError) -> FetchResult {
        lock.lock()
        defer { lock.unlock() }
        syncCount += 1
        if let failure { throw failure }
        guard let head = branchHead else { throw .branchNotFound(branch: "main", url: "fake", available: []) }
        let old = mirrored
        mirrored = head
        guard let old else { return FetchResult(old: nil, new: head, change: .cloned, fetched: true) }
        if old == head { return FetchResult(old: old, new: head, change: .unchanged, fetched: false) }
        return FetchResult(old: old, new: head, change: descends(head, from: old) ? .fastForward : .rewritten, fetched: true)
    }

    func commitSignature(_ commit: String) throws(GitSourceError) -> CommitSignature? { nil }

    func summary(of commit: String) -> String? { lock.withLock { commits[commit]?.summary } }

    func readFile(_ path: String, at commit: String) throws(GitSourceError) -> [UInt8] {
        let files = try snapshot(commit)
        if let text = files[path] { return Array(text.utf8) }
        if files.keys.contains(where: { $0.hasPrefix(path + "/") }) { throw .notAFile(path: path, commit: commit, kind: "folder") }
        throw .fileNotFound(path: path, commit: commit)
    }

    func listFolder(_ path: String, at commit: String) throws(GitSourceError) -> [String] {
        let names = try snapshot(commit).keys.filter { $0.hasPrefix(path + "/") }.map { String($0.dropFirst(path.count + 1)) }
        guard !names.isEmpty else { throw .notAFolder(path: path, commit: commit) }
        return names.filter { !$0.contains("/") }.sorted()
    }

    private func snapshot(_ commit: String) throws(GitSourceError) -> [String: String] {
        guard let files = lock.withLock({ commits[commit]?.files }) else { throw .commitNotFound(commit) }
        return files
    }

    private func descends(_ commit: String, from ancestor: String) -> Bool {
        var next: String? = commit
        while let current = next {
            if current == ancestor { return true }
            next = commits[current]?.parent
        }
        return false
    }
}

/// Opens the one fake repository, or fails as GitMirror's init can.
final class FakeOpener: RevisionSourceOpener, @unchecked Sendable {
    let repository: FakeRepository
    private let lock = NSLock()
    private var openCount = 0
    private var configs: [GitSourceConfig] = []

    init(_ repository: FakeRepository) {
        self.repository = repository
    }

    /// The configurations it was opened with, in order.
    var opened: [GitSourceConfig] { lock.withLock { configs } }

    func open(_ config: GitSourceConfig) throws(GitSourceError) -> any RevisionSource {
        lock.withLock { configs.append(config) }
        return repository
    }
}
