#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Sync
import Testing

@Suite struct AtomicFileWriterTests {
    @Test func createsPrivateFileAndPrivateParents() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("a/b/c/opencode.json")
        try AtomicFileWriter.write(bytes("{}\n"), to: target)
        #expect(contents(target) == bytes("{}\n"))
        #expect(permissions(target) == 0o600)
        for folder in ["a", "a/b", "a/b/c"] {
            #expect(permissions(tmp(folder)) == 0o700, "\(folder)")
        }
        #expect(listing(tmp("a/b/c")) == ["opencode.json"])
    }

    @Test func replacesAndSetsTheExactMode() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("opencode.json")
        try makeFile(target, "old", mode: 0o644)
        try AtomicFileWriter.write(Data("new".utf8), to: target)
        #expect(contents(target) == bytes("new"))
        #expect(permissions(target) == 0o600)
        try AtomicFileWriter.write(bytes("shared"), to: target, mode: 0o640)
        #expect(permissions(target) == 0o640)
        #expect(listing(tmp.path) == ["opencode.json"])
    }

    @Test func existingFoldersKeepTheirMode() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createDirectory(atPath: tmp("config"), withIntermediateDirectories: false)
        chmod(tmp("config"), 0o755)
        try AtomicFileWriter.write(bytes("x"), to: tmp("config/opencode.json"))
        #expect(permissions(tmp("config")) == 0o755)
    }

    @Test func writesThroughSymlinkChainAndKeepsTheLinks() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createDirectory(atPath: tmp("dotfiles"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tmp("config"), withIntermediateDirectories: true)
        try makeFile(tmp("dotfiles/opencode.json"), "old", mode: 0o600)
        // config/opencode.json -> middle.json -> ../dotfiles/opencode.json (relative links)
        try FileManager.default.createSymbolicLink(atPath: tmp("config/middle.json"), withDestinationPath: "../dotfiles/opencode.json")
        try FileManager.default.createSymbolicLink(atPath: tmp("config/opencode.json"), withDestinationPath: "middle.json")

        try AtomicFileWriter.write(bytes("new"), to: tmp("config/opencode.json"))

        #expect(isSymlink(tmp("config/opencode.json")))
        #expect(isSymlink(tmp("config/middle.json")))
        #expect(contents(tmp("dotfiles/opencode.json")) == bytes("new"))
        #expect(try AtomicFileWriter.read(tmp("config/opencode.json")) == bytes("new"))
        #expect(listing(tmp("dotfiles")) == ["opencode.json"])
    }

    @Test func danglingSymlinkCreatesTheFileItNames() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createSymbolicLink(atPath: tmp("opencode.json"), withDestinationPath: tmp("store/real.json"))
        try AtomicFileWriter.write(bytes("new"), to: tmp("opencode.json"))
        #expect(isSymlink(tmp("opencode.json")))
        #expect(contents(tmp("store/real.json")) == bytes("new"))
        #expect(permissions(tmp("store")) == 0o700)
    }

    @Test func symlinkLoopIsAClearError() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createSymbolicLink(atPath: tmp("a"), withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: tmp("b"), withDestinationPath: "a")
        let error = #expect(throws: FileSystemError.self) { try AtomicFileWriter.write(bytes("x"), to: tmp("a")) }
        #expect(error?.code == ELOOP)
        #expect(error?.description.hasPrefix("could not follow the symbolic link \(tmp("a"))") == true)
        #expect(isSymlink(tmp("a")) && isSymlink(tmp("b")))
    }

    @Test func readOnlyFolderLeavesOldFileAndNoTemporaryFile() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let folder = tmp("config")
        let target = folder + "/opencode.json"
        try AtomicFileWriter.write(bytes("old"), to: target)
        Unprivileged.giveAway(folder)
        Unprivileged.giveAway(target)
        chmod(folder, 0o500)
        defer { chmod(folder, 0o700) }

        let error = try Unprivileged.run { () -> FileSystemError? in
            do { try AtomicFileWriter.write(bytes("new"), to: target); return nil }
            catch { return error as? FileSystemError }
        }

        #expect(error?.operation == .createTemporaryFile)
        #expect(error?.code == EACCES)
        #expect(error?.description == "could not create a temporary file in \(folder): Permission denied")
        #expect(contents(target) == bytes("old"))
        #expect(listing(folder) == ["opencode.json"])
    }

    @Test func failedRenameRemovesTheTemporaryFile() throws {
        // A folder where the file should be makes rename fail after the temporary file was
        // fully written and flushed: the latest point a write can fail. Works as root too.
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("opencode.json")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try makeFile(target + "/keep", "kept")

        let error = #expect(throws: FileSystemError.self) { try AtomicFileWriter.write(bytes("new"), to: target) }

        guard case .replace(let temporary)? = error?.operation else {
            Issue.record("expected a replace failure, got \(String(describing: error))")
            return
        }
        #expect(temporary.hasPrefix(tmp(".opencode.json.tmp-")))
        #expect(error?.description.hasPrefix("could not replace \(target) with \(temporary): ") == true)
        #expect(listing(tmp.path) == ["opencode.json"])
        #expect(contents(target + "/keep") == bytes("kept"))
    }

    @Test func removesTemporaryFilesOfDeadWritersOnly() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dead = tmp(".opencode.json.tmp-2147483646-0abc")  // above any pid_max: no such process
        let alive = tmp(".opencode.json.tmp-\(getpid())-0abc")  // this process: still writing
        let other = tmp(".other.json.tmp-2147483646-0abc")  // another target's: not ours to judge
        for path in [dead, alive, other] { try makeFile(path, "partial", mode: 0o600) }

        try AtomicFileWriter.write(bytes("new"), to: tmp("opencode.json"))

        #expect(!fileExists(dead))
        #expect(fileExists(alive))
        #expect(fileExists(other))
    }

    @Test func readersNeverSeeAPartialFile() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("opencode.json")
        let versions = [[UInt8](repeating: UInt8(ascii: "a"), count: 300_000),
                        [UInt8](repeating: UInt8(ascii: "b"), count: 200_000)]
        try AtomicFileWriter.write(versions[0], to: target)
        let stop = Flag()
        let torn = Counter()
        let reader = Thread {
            while !stop.isSet {
                guard let seen = try? AtomicFileWriter.read(target) else { torn.add(); continue }
                if seen != versions[0] && seen != versions[1] { torn.add() }
            }
            stop.acknowledge()
        }
        reader.start()
        for round in 0..<200 { try AtomicFileWriter.write(versions[round % 2], to: target) }
        stop.set()
        #expect(eventually { stop.isAcknowledged })
        #expect(torn.value == 0)
    }

    @Test func readReturnsNilOnlyWhenMissing() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        #expect(try AtomicFileWriter.read(tmp("missing.json")) == nil)
        let binary = randomBytes(200_000)
        try AtomicFileWriter.write(binary, to: tmp("data"))
        #expect(try AtomicFileWriter.read(tmp("data")) == binary)

        let folderError = #expect(throws: FileSystemError.self) { try AtomicFileWriter.read(tmp.path) }
        #expect(folderError?.code == EISDIR)
    }

    @Test func unreadableFileIsAnErrorNotMissing() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("opencode.json")
        try makeFile(target, "secret", mode: 0o200)
        Unprivileged.giveAway(target)

        let error = try Unprivileged.run { () -> FileSystemError? in
            do { _ = try AtomicFileWriter.read(target); return nil }
            catch { return error as? FileSystemError }
        }

        #expect(error?.operation == .read)
        #expect(error?.description == "could not read \(target): Permission denied")
    }
}

/// A flag and a counter shared with a reader thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var setValue = false
    private var acknowledged = false
    var isSet: Bool { lock.withLock { setValue } }
    var isAcknowledged: Bool { lock.withLock { acknowledged } }
    func set() { lock.withLock { setValue = true } }
    func acknowledge() { lock.withLock { acknowledged = true } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
