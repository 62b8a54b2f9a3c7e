#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Sync
import SystemIO
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
        try AtomicFileWriter.write(Array("new".utf8), to: target)
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
        #expect(try FileReader.read(tmp("config/opencode.json")) == bytes("new"))
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

    @Test(.enabled(if: Immutable.available, "needs root and a file system with chattr +i (ext4, xfs, btrfs)"))
    func failedRenameRemovesTheTemporaryFile() throws {
        // An immutable file cannot be renamed over: rename fails after the temporary file was
        // fully written and flushed, the latest point a write can fail. (A folder there is
        // refused before anything is written; see writerRefusesToReplaceWhatIsNotARegularFile.)
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("opencode.json")
        try makeFile(target, "kept")
        try Immutable.set(target, true)
        defer { try? Immutable.set(target, false) }

        let error = #expect(throws: FileSystemError.self) { try AtomicFileWriter.write(bytes("new"), to: target) }

        guard case .replace(let temporary)? = error?.operation else {
            Issue.record("expected a replace failure, got \(String(describing: error))")
            return
        }
        #expect(temporary.hasPrefix(tmp(".opencode.json.tmp-")))
        #expect(error?.description == "could not replace \(target) with \(temporary): Operation not permitted")
        #expect(listing(tmp.path) == ["opencode.json"])
        #expect(contents(target) == bytes("kept"))
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
                guard let seen = try? FileReader.read(target) else { torn.add(); continue }
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
        #expect(try FileReader.read(tmp("missing.json")) == nil)
        let binary = randomBytes(200_000)
        try AtomicFileWriter.write(binary, to: tmp("data"))
        #expect(try FileReader.read(tmp("data")) == binary)

        let folderError = #expect(throws: FileAccessError.self) { try FileReader.read(tmp.path) }
        #expect(folderError?.problem == .notRegular(.folder))
    }

    @Test func writerRefusesToReplaceWhatIsNotARegularFile() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let fifo = tmp("fifo.json")
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: FileAccessError.self) { try AtomicFileWriter.write(bytes("{}"), to: fifo) }
        #expect(error?.description == "\(fifo) is a FIFO (named pipe), not a regular file")
        // Through a link, the message names both; the FIFO stays, and no temporary file is left.
        let link = tmp("link.json")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
        let linked = #expect(throws: FileAccessError.self) { try AtomicFileWriter.write(bytes("{}"), to: link) }
        #expect(linked?.resolved == fifo)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["fifo.json", "link.json"])
        #expect(throws: FileAccessError.self) { try AtomicFileWriter.write(bytes("{}"), to: tmp.path) }
    }

    @Test func unreadableFileIsAnErrorNotMissing() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("opencode.json")
        try makeFile(target, "secret", mode: 0o200)
        Unprivileged.giveAway(target)

        let error = try Unprivileged.run { () -> FileAccessError? in
            do { _ = try FileReader.read(target); return nil }
            catch { return error as? FileAccessError }
        }

        #expect(error?.code == EACCES)
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

/// `chattr +i`: a file nobody may replace, root included (the rename over it fails).
enum Immutable {
    static func set(_ path: String, _ on: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [on ? "+i" : "-i", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FileSystemTestError("chattr \(on ? "+i" : "-i") \(path) failed") }
    }

    /// Tried once on a file of the temporary folder.
    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr"),
              let tmp = try? TemporaryFolder() else { return false }
        defer { tmp.remove() }
        let file = tmp("probe")
        guard FileManager.default.createFile(atPath: file, contents: Data()), (try? set(file, true)) != nil else { return false }
        try? set(file, false)
        return true
    }()
}
