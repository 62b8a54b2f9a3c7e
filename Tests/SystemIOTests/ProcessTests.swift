import Foundation
import SystemIO
import Testing

/// The OS calls of the one shim, against the real system.
@Suite("SystemIO: processes")
struct ProcessTests {
    @Test func runningExecutableIsThisTestBundle() throws {
        let path = try #require(RunningProcess.executablePath())
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
        #if os(Linux)
        #expect(path == (try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")))
        #endif
        #expect(RunningProcess.id == ProcessInfo.processInfo.processIdentifier)
        #expect(RunningProcess.isAlive(RunningProcess.id))
        #expect(RunningProcess.loadedLibraries().contains { $0.contains("libswiftCore") })
    }

    @Test func capturedOutputAndStandardInput() throws {
        let cat = try #require(Subprocess.find("cat", searchPath: "/usr/bin:/bin"))
        let result = try Subprocess.run(cat, [], stdin: Array("through the pipe".utf8), environment: [:], timeout: .seconds(10))
        #expect(result.status == 0 && result.stdout == "through the pipe" && result.stderr.isEmpty)
        let sh = try #require(Subprocess.find("sh", searchPath: nil))
        let failed = try Subprocess.run(sh, ["-c", "echo oops >&2; exit 3"], environment: [:], timeout: .seconds(10))
        #expect(failed.status == 3 && failed.stderr == "oops\n")
    }

    @Test("stdout is kept to its first MiB, unless the caller asks for more (git's blobs); stderr always")
    func outputLimit() throws {
        let sh = try #require(Subprocess.find("sh", searchPath: nil))
        let script = "head -c 3145728 /dev/zero; head -c 2097152 /dev/zero >&2"
        let kept = try Subprocess.run(sh, ["-c", script], environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(30))
        #expect(kept.status == 0 && kept.output.count == Subprocess.outputLimit && kept.stderr.utf8.count == Subprocess.outputLimit)
        let all = try Subprocess.run(sh, ["-c", script], environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(30), outputLimit: .max)
        #expect(all.status == 0 && all.output.count == 3 << 20 && all.output.allSatisfy { $0 == 0 })
        #expect(all.stderr.utf8.count == Subprocess.outputLimit)
    }

    @Test func aChildPastItsDeadlineIsKilled() throws {
        let sleep = try #require(Subprocess.find("sleep", searchPath: nil))
        let start = ContinuousClock.now
        #expect(throws: SubprocessError.timedOut(program: "sleep", after: .milliseconds(300))) {
            try Subprocess.run(sleep, ["30"], environment: [:], timeout: .milliseconds(300))
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(SubprocessError.timedOut(program: "sleep", after: .milliseconds(300)).description == "sleep did not finish within 300ms; it was stopped")
        #expect(throws: SubprocessError.self) { try Subprocess.run("/nonexistent/program", [], environment: [:], timeout: nil) }
    }

    @Test func signalsByName() {
        #expect(ProcessSignal(number: ProcessSignal.terminate.number) == .terminate)
        #expect(ProcessSignal.hangup.name == "SIGHUP")
        #expect(!RunningProcess.send(.hangup, to: 0), "never a process group")
    }
}

@Suite("SystemIO: files")
struct FileTests {
    @Test func privateFolderAndNewFiles() throws {
        let folder = try PrivateFolder(in: NSTemporaryDirectory(), label: "systemio-test")
        var info = stat()
        #expect(stat(folder.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let file = try folder.write("key", Array("secret".utf8))
        #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(throws: FileSystemError.self) { try FileSystem.createNew(file, [], mode: 0o600) }
        do {
            try FileSystem.createNew(file, [], mode: 0o600)
        } catch {
            #expect(error.description == "\(file) already exists; not overwriting it")
        }
        #expect(try FileReader.read(file) == Array("secret".utf8))
        #expect(FileSystem.realPath(folder.path + "/./key") == FileSystem.realPath(file))
        folder.remove()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func lockIsExclusiveAndNamesItsHolder() throws {
        let folder = try PrivateFolder(in: NSTemporaryDirectory(), label: "systemio-lock")
        defer { folder.remove() }
        let lock = try FileLock(path: folder.path + "/sub/lock", timeout: .zero)
        #expect(lock.isHeld)
        // flock locks belong to the open file: a second open in this process is refused too.
        #expect(throws: FileLockBusy(path: folder.path + "/sub/lock", holder: RunningProcess.id, waited: .milliseconds(100))) {
            try FileLock(path: folder.path + "/sub/lock", timeout: .milliseconds(100), pollInterval: .milliseconds(20))
        }
        lock.release()
        #expect(try FileLock(path: folder.path + "/sub/lock", timeout: .zero).isHeld)
    }
}
