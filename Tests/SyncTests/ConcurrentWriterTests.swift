#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Sync
import SystemIO
import TestSupport
import Testing

/// Files other programs write too (the app's opencode.json, OpenCode's auth.json): the check
/// right before the rename, and the watch that sees their writes.
@Suite struct ConcurrentWriterTests {
    @Test("a snapshot holds while nothing wrote the file; a rewrite in place, of the same size, or a new file breaks it")
    func snapshots() throws {
        let tmp = try TemporaryFolder.reachable()
        defer { tmp.remove() }
        let path = tmp("opencode.json")
        try makeFile(path, "{\"a\": 1}", mode: 0o600)
        let read = try #require(try FileReader.contents(path))
        let snapshot = FileSnapshot(bytes: read.bytes, status: read.status)
        #expect(try snapshot.stillHolds(path))

        // Same size, same second: only the bytes tell (the modification time may not move).
        var times = [timespec](repeating: timespec(), count: 2)
        times[0] = read.status.identity.modifiedTimespec
        times[1] = read.status.identity.modifiedTimespec
        let fd = open(path, O_WRONLY | O_TRUNC)
        _ = "{\"a\": 2}".withCString { write(fd, $0, 8) }
        _ = futimens(fd, times)
        close(fd)
        #expect(try !snapshot.stillHolds(path))

        try makeFile(path, "{\"a\": 1}", mode: 0o600)
        #expect(try !snapshot.stillHolds(path), "another inode or time")
        #expect(try FileSnapshot.absent.stillHolds(tmp("none.json")))
        #expect(try !FileSnapshot.absent.stillHolds(path), "a file made meanwhile")
    }

    @Test("the writer replaces nothing when the file changed since it was read, and removes its temporary file")
    func writerChecksBeforeRename() throws {
        let tmp = try TemporaryFolder.reachable()
        defer { tmp.remove() }
        let path = tmp("opencode.json")
        try makeFile(path, "old", mode: 0o600)
        let read = try #require(try FileReader.contents(path))
        let snapshot = FileSnapshot(bytes: read.bytes, status: read.status)
        try makeFile(path, "the app's", mode: 0o600)
        #expect(throws: FileChangedMeanwhile(path: path)) {
            try AtomicFileWriter.write(Array("ours".utf8), to: path, unchangedSince: snapshot)
        }
        #expect(contents(path) == Array("the app's".utf8))
        #expect(listing(tmp.path) == ["opencode.json"])
        let now = try #require(try FileReader.contents(path))
        try AtomicFileWriter.write(Array("ours".utf8), to: path, unchangedSince: FileSnapshot(bytes: now.bytes, status: now.status))
        #expect(contents(path) == Array("ours".utf8))
    }

    @Test("a folder watch sees a file written in place and one renamed in, by inotify and by polling", arguments: [false, true])
    func folderChanges(polling: Bool) throws {
        let tmp = try TemporaryFolder.reachable()
        defer { tmp.remove() }
        let folder = tmp("app"), later = tmp("later")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let watch = FolderChanges(folders: [folder, later], pollingInterval: .milliseconds(20), forcePolling: polling)
        #expect(watch.mechanism == (polling ? .polling : .inotify))
        #expect(watch.wait(timeout: .milliseconds(50)).isEmpty)

        try makeFile(folder + "/opencode.json", "{}", mode: 0o600)
        #expect(watch.wait(timeout: .seconds(5)) == [folder + "/opencode.json"])
        try makeFile(folder + "/.tmp", "{}", mode: 0o600)
        _ = watch.wait(timeout: .seconds(5))
        #expect(rename(folder + "/.tmp", folder + "/opencode-task1.json") == 0)
        #expect(watch.wait(timeout: .seconds(5)).contains(folder + "/opencode-task1.json"))

        // A folder made after the watch started is watched from the next refresh.
        try FileManager.default.createDirectory(atPath: later, withIntermediateDirectories: false)
        watch.refresh()
        try makeFile(later + "/opencode.json", "{}", mode: 0o600)
        #expect(watch.wait(timeout: .seconds(5)) == [later + "/opencode.json"])

        // Cancelled from another thread: the wait ends at once, and so does every later one.
        let start = ContinuousClock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { watch.cancel() }
        #expect(watch.wait(timeout: .seconds(10)).isEmpty)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(watch.isCancelled && watch.wait(timeout: .seconds(10)).isEmpty)
    }
}
