#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Sync
import Testing
import Workstation

@Suite struct HistoryTests {
    @Test func keepsTheLastFiveVersionsPrivately() throws {
        let (tmp, history, target) = try historyFixture(target: "config/opencode.json", writing: versions(1...8))
        defer { tmp.remove() }

        let entries = try history.entries(for: target)
        #expect(entries.count == 5)
        #expect(try entries.map { try history.contents(of: $0) } == ["v7", "v6", "v5", "v4", "v3"].map(bytes))
        #expect(entries.map(\.sequence) == [7, 6, 5, 4, 3])
        #expect(entries.allSatisfy { permissions($0.path) == 0o600 })
        #expect(permissions(history.folder(for: target)) == 0o700)
        #expect(permissions(tmp("state")) == 0o700)
        // Names sort like the entries (newest last), so `ls` shows them in order.
        #expect(listing(history.folder(for: target)) == entries.reversed().map { lastComponent($0.path) })
        #expect(contents(target) == bytes("v8"))
    }

    @Test func firstWriteAndIdenticalRewriteAddNothing() throws {
        let (tmp, history, target) = try historyFixture(writing: ["same", "same"])
        defer { tmp.remove() }
        #expect(try history.entries(for: target).isEmpty)
        #expect(!fileExists(tmp("state/history")))
    }

    @Test func savingTheSameVersionTwiceKeepsOneEntry() throws {
        let (tmp, history, target) = try historyFixture()
        defer { tmp.remove() }
        try makeFile(target, "current")
        let first = try history.saveCurrentVersion(of: target)
        let second = try history.saveCurrentVersion(of: target)
        #expect(first != nil && first == second)
        #expect(try history.entries(for: target).count == 1)
        #expect(try history.saveCurrentVersion(of: tmp("missing.json")) == nil)
    }

    @Test func sameSecondEntriesOrderBySequence() throws {
        let (tmp, history, target) = try historyFixture(limit: 20, writing: versions(1...12))
        defer { tmp.remove() }
        let entries = try history.entries(for: target)
        #expect(entries.map(\.sequence) == Array((1...11).reversed()))
        #expect(try history.contents(of: entries[0]) == bytes("v11"))
        #expect(entries.allSatisfy { abs($0.savedAt.timeIntervalSinceNow) < 60 })
        #expect(entries.allSatisfy { $0.size == 2 || $0.size == 3 })
    }

    @Test func rollbackRestoresByteForByteAndCanBeUndone() throws {
        let (tmp, history, target) = try historyFixture()
        defer { tmp.remove() }
        let a = randomBytes(10_000), b = randomBytes(20_000), c = randomBytes(5_000)
        for version in [a, b, c] { try history.write(version, to: target) }

        try history.rollback(target)  // back to b
        #expect(contents(target) == b)
        #expect(permissions(target) == 0o600)
        #expect(try history.entries(for: target).map { try history.contents(of: $0) } == [c, a])

        try history.rollback(target)  // undo: c again
        #expect(contents(target) == c)
        #expect(try history.entries(for: target).map { try history.contents(of: $0) } == [b, a])

        let restored = try history.rollback(target, steps: 2)  // straight to a
        #expect(contents(target) == a)
        #expect(!fileExists(restored.path))
        #expect(try history.entries(for: target).map { try history.contents(of: $0) } == [c, b])
    }

    @Test func rollbackToTheOldestOfAFullHistory() throws {
        let (tmp, history, target) = try historyFixture(writing: versions(1...6))
        defer { tmp.remove() }

        try history.rollback(target, steps: 5)

        #expect(contents(target) == bytes("v1"))
        let kept = try history.entries(for: target).map { try history.contents(of: $0) }
        #expect(kept == ["v6", "v5", "v4", "v3", "v2"].map(bytes))
    }

    @Test func rollbackThroughASymlinkKeepsTheLink() throws {
        let (tmp, history, link) = try historyFixture()
        defer { tmp.remove() }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "dotfiles-opencode.json")
        for version in ["one", "two"] { try history.write(bytes(version), to: link) }
        try history.rollback(link)
        #expect(isSymlink(link))
        #expect(contents(tmp("dotfiles-opencode.json")) == bytes("one"))
    }

    @Test func rollbackOfADeletedTargetRestoresIt() throws {
        let (tmp, history, target) = try historyFixture(writing: ["one", "two"])
        defer { tmp.remove() }
        try FileManager.default.removeItem(atPath: target)
        try history.rollback(target)
        #expect(contents(target) == bytes("one"))
        #expect(try history.entries(for: target).isEmpty)
    }

    @Test func rollbackBeyondTheHistoryIsAClearError() throws {
        let (tmp, history, target) = try historyFixture(writing: ["one", "two"])
        defer { tmp.remove() }

        let error = #expect(throws: HistoryError.self) { try history.rollback(target, steps: 3) }
        #expect(error == .notEnoughVersions(target: target, requested: 3, available: 1))
        #expect(error?.description == "cannot roll \(target) back 3 steps: only 1 previous version is kept")
        #expect(throws: HistoryError.invalidSteps(0)) { try history.rollback(target, steps: 0) }
        #expect(contents(target) == bytes("two"))
    }

    @Test func failedRollbackChangesNothing() throws {
        let (tmp, history, target) = try historyFixture(target: "config/opencode.json", writing: ["one", "two"])
        defer { tmp.remove() }
        Unprivileged.giveAway(tmp("config"))
        Unprivileged.giveAway(target)
        Unprivileged.giveAway(tmp("state"))
        for path in try FileManager.default.subpathsOfDirectory(atPath: tmp("state")) {
            Unprivileged.giveAway(tmp("state/" + path))
        }
        chmod(tmp("config"), 0o500)
        defer { chmod(tmp("config"), 0o700) }

        let error = try Unprivileged.run { () -> String? in
            do { try history.rollback(target); return nil } catch { return "\(error)" }
        }

        #expect(error?.hasPrefix("could not create a temporary file in \(tmp("config"))") == true)
        #expect(contents(target) == bytes("two"))
        #expect(try history.entries(for: target).map { try history.contents(of: $0) } == [bytes("one")])
    }

    @Test func strayFilesInTheHistoryFolderAreIgnored() throws {
        let (tmp, history, target) = try historyFixture(writing: ["one", "two"])
        defer { tmp.remove() }
        let folder = history.folder(for: target)
        try makeFile(folder + "/.x.tmp-1-2", "partial")
        try makeFile(folder + "/notes.txt", "mine")
        #expect(try history.entries(for: target).count == 1)
    }

    @Test func targetsWithTheSameNameHaveSeparateHistories() throws {
        let (tmp, history, openwork) = try historyFixture(target: "Openwork/opencode/opencode.json",
                                                          writing: versions(1...3, prefix: "o"))
        defer { tmp.remove() }
        let accomplish = tmp("Accomplish/opencode/opencode.json")
        for version in ["a1", "a2"] { try history.write(bytes(version), to: accomplish) }
        #expect(try history.entries(for: openwork).count == 2)
        #expect(try history.entries(for: accomplish).map { try history.contents(of: $0) } == [bytes("a1")])
    }
}

private func lastComponent(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }

/// A fresh folder (the caller removes it), a history kept in its `state` folder, and the path
/// of `target` in it, to which `versions` have been written through the history, in order.
private func historyFixture(target relative: String = "opencode.json", limit: Int = History.defaultLimit,
                            writing versions: [String] = []) throws -> (TemporaryFolder, History, String) {
    let tmp = try TemporaryFolder()
    let history = History(state: StateLocation(directory: tmp("state")), limit: limit)
    let target = tmp(relative)
    do {
        for version in versions { try history.write(bytes(version), to: target) }
    } catch {
        tmp.remove()
        throw error
    }
    return (tmp, history, target)
}

/// "v1", "v2"...: the versions written in order by the tests above.
private func versions(_ numbers: ClosedRange<Int>, prefix: String = "v") -> [String] { numbers.map { prefix + String($0) } }
