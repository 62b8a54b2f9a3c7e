#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Sync
import Testing
import Workstation

@Suite struct WriteLockTests {
    @Test func recordsThePidAndReleases() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let state = StateLocation(directory: tmp("state"))
        let lock = try WriteLock(state: state)
        #expect(lock.isHeld)
        #expect(contents(state.lockPath) == bytes("\(getpid())\n"))
        #expect(permissions(state.lockPath) == 0o600)
        #expect(permissions(tmp("state")) == 0o700)
        lock.release()
        lock.release()  // twice is harmless
        #expect(!lock.isHeld)
        #expect(contents(state.lockPath) == [])
        let again = try WriteLock(state: state, timeout: .zero)
        again.release()
    }

    @Test func secondHolderWaitsThenTimesOutNamingTheHolder() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let state = StateLocation(directory: tmp("state"))
        // flock locks belong to an open file description: a second open in the same
        // process conflicts just like another process would.
        let holder = try WriteLock(state: state)
        defer { holder.release() }

        let start = ContinuousClock.now
        let error = #expect(throws: WriteLockError.self) {
            try WriteLock(state: state, timeout: .milliseconds(300))
        }
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        #expect(error == .timedOut(lockPath: state.lockPath, holder: getpid(), waited: .milliseconds(300)))
        #expect(error?.description == "another provider-sync (pid \(getpid())) is writing; waited 0.3 s (lock file: \(state.lockPath))")
    }

    @Test func lockHeldByAnotherProcessIsFreedWhenItDies() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let state = StateLocation(directory: tmp("state"))
        try FileManager.default.createDirectory(atPath: state.directory, withIntermediateDirectories: true)
        let child = try holdLockInChildProcess(state.lockPath, ready: tmp("ready"), seconds: 30)
        defer { killIfRunning(child); child.waitUntilExit() }
        #expect(eventually { fileExists(tmp("ready")) })

        let error = #expect(throws: WriteLockError.self) {
            try WriteLock(state: state, timeout: .milliseconds(200))
        }
        #expect(error?.description.hasPrefix("another provider-sync (pid \(child.processIdentifier)) is writing; waited 0.2 s") == true)

        // SIGKILL gives the holder no chance to clean up: the OS must drop the lock.
        killIfRunning(child)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGKILL)
        let lock = try WriteLock(state: state, timeout: .seconds(2))
        #expect(contents(state.lockPath) == bytes("\(getpid())\n"))
        lock.release()
    }

    @Test func waitsForAHolderThatFinishesInTime() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let state = StateLocation(directory: tmp("state"))
        try FileManager.default.createDirectory(atPath: state.directory, withIntermediateDirectories: true)
        let child = try holdLockInChildProcess(state.lockPath, ready: tmp("ready"), seconds: 1)
        defer { child.waitUntilExit() }
        #expect(eventually { fileExists(tmp("ready")) })

        let start = ContinuousClock.now
        let lock = try WriteLock(state: state, timeout: .seconds(10))
        #expect(ContinuousClock.now - start >= .milliseconds(100))
        lock.release()
    }

    @Test func withLockReleasesWhenTheBodyThrows() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let state = StateLocation(directory: tmp("state"))
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try WriteLock.withLock(state: state) { throw Boom() }
        }
        let value = try WriteLock.withLock(state: state, timeout: .zero) { 42 }
        #expect(value == 42)
    }

    @Test func holderWithoutAPidIsStillReported() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let state = StateLocation(directory: tmp("state"))
        let holder = try WriteLock(state: state)
        defer { holder.release() }
        // Emptied in place (a new file would be a different, unlocked inode), as by a holder
        // that has not written its pid yet.
        #expect(truncate(state.lockPath, 0) == 0)
        let error = #expect(throws: WriteLockError.self) { try WriteLock(state: state, timeout: .milliseconds(60)) }
        #expect(error?.description.hasPrefix("another provider-sync is writing; waited 0.06 s") == true)
    }

    /// Starts `sh` that takes the lock with flock(1), records its pid like provider-sync does,
    /// touches `ready`, then sleeps as the same process (exec keeps the pid and the lock), so
    /// the holder is one process and a signal to its pid reaches it.
    private func holdLockInChildProcess(_ lockPath: String, ready: String, seconds: Double) throws -> Process {
        let script = #"exec 9>>"$1" && flock -x 9 && echo $$ > "$1" && : > "$2" && exec sleep "$3""#
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", script, "holder", lockPath, ready, String(seconds)]
        holder.standardInput = FileHandle.nullDevice
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        return holder
    }

    /// SIGKILL, not `terminate()`: a child that Process starts from a test thread may inherit a
    /// blocked SIGTERM. Only while it runs: Process reaps it on its own thread, and after that
    /// its pid may be reused by an unrelated process.
    private func killIfRunning(_ holder: Process) {
        if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }
    }
}
