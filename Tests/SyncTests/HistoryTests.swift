#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Sync
import Testing

@Suite struct HistoryTests {
    @Test func keepsTheLastFiveVersionsPrivately() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("config/opencode.json")
        for version in 1...8 { try history.write(bytes("v\(version)"), to: target) }

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
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("opencode.json")
        try history.write(bytes("same"), to: target)
        try history.write(bytes("same"), to: target)
        #expect(try history.entries(for: target).isEmpty)
        #expect(!fileExists(tmp("state/history")))
    }

    @Test func savingTheSameVersionTwiceKeepsOneEntry() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("opencode.json")
        try makeFile(target, "current")
        let first = try history.saveCurrentVersion(of: target)
        let second = try history.saveCurrentVersion(of: target)
        #expect(first != nil && first == second)
        #expect(try history.entries(for: target).count == 1)
        #expect(try history.saveCurrentVersion(of: tmp("missing.json")) == nil)
    }

    @Test func sameSecondEntriesOrderBySequence() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")), limit: 20)
        let target = tmp("opencode.json")
        for version in 1...12 { try history.write(bytes("v\(version)"), to: target) }
        let entries = try history.entries(for: target)
        #expect(entries.map(\.sequence) == Array((1...11).reversed()))
        #expect(try history.contents(of: entries[0]) == bytes("v11"))
        #expect(entries.allSatisfy { abs($0.savedAt.timeIntervalSinceNow) < 60 })
        #expect(entries.allSatisfy { $0.size == 2 || $0.size == 3 })
    }

    @Test func rollbackRestoresByteForByteAndCanBeUndone() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("opencode.json")
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
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("opencode.json")
        for version in 1...6 { try history.write(bytes("v\(version)"), to: target) }

        try history.rollback(target, steps: 5)

        #expect(contents(target) == bytes("v1"))
        let kept = try history.entries(for: target).map { try history.contents(of: $0) }
        #expect(kept == ["v6", "v5", "v4", "v3", "v2"].map(bytes))
    }

    @Test func rollbackThroughASymlinkKeepsTheLink() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let link = tmp("opencode.json")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "dotfiles-opencode.json")
        try history.write(bytes("one"), to: link)
        try history.write(bytes("two"), to: link)
        try history.rollback(link)
        #expect(isSymlink(link))
        #expect(contents(tmp("dotfiles-opencode.json")) == bytes("one"))
    }

    @Test func rollbackOfADeletedTargetRestoresIt() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("opencode.json")
        try history.write(bytes("one"), to: target)
        try history.write(bytes("two"), to: target)
        try FileManager.default.removeItem(atPath: target)
        try history.rollback(target)
        #expect(contents(target) == bytes("one"))
        #expect(try history.entries(for: target).isEmpty)
    }

    @Test func rollbackBeyondTheHistoryIsAClearError() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("opencode.json")
        try history.write(bytes("one"), to: target)
        try history.write(bytes("two"), to: target)

        let error = #expect(throws: HistoryError.self) { try history.rollback(target, steps: 3) }
        #expect(error == .notEnoughVersions(target: target, requested: 3, available: 1))
        #expect(error?.description == "cannot roll \(target) back 3 steps: only 1 previous version is kept")
        #expect(throws: HistoryError.invalidSteps(0)) { try history.rollback(target, steps: 0) }
        #expect(contents(target) == bytes("two"))
    }

    @Test func failedRollbackChangesNothing() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("config/opencode.json")
        try history.write(bytes("one"), to: target)
        try history.write(bytes("two"), to: target)
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
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let target = tmp("opencode.json")
        try history.write(bytes("one"), to: target)
        try history.write(bytes("two"), to: target)
        let folder = history.folder(for: target)
        try makeFile(folder + "/.x.tmp-1-2", "partial")
        try makeFile(folder + "/notes.txt", "mine")
        #expect(try history.entries(for: target).count == 1)
    }

    @Test func targetsWithTheSameNameHaveSeparateHistories() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let history = History(state: StateLocation(directory: tmp("state")))
        let openwork = tmp("Openwork/opencode/opencode.json")
        let accomplish = tmp("Accomplish/opencode/opencode.json")
        for version in 1...3 { try history.write(bytes("o\(version)"), to: openwork) }
        try history.write(bytes("a1"), to: accomplish)
        try history.write(bytes("a2"), to: accomplish)
        #expect(try history.entries(for: openwork).count == 2)
        #expect(try history.entries(for: accomplish).map { try history.contents(of: $0) } == [bytes("a1")])
    }
}

private func lastComponent(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
