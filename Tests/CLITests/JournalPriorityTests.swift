#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TestSupport
import Testing

/// The agent's log lines carry journald's priority prefix when stderr is the journal: systemd
/// sets JOURNAL_STREAM to the device and inode of the stream it connects, so the tests connect
/// stderr to a file and set the variable to that file's (or to another file's).
@Suite("agent log: journald priority prefixes when stderr is the journal", .enabled(if: AgentTools.hasGit))
struct JournalPriorityTests {
    /// `agent once` with stderr appended to `logFile`; its lines.
    private func once(_ world: AgentWorld, logFile: String, journalStream: String?) throws -> [String] {
        var environment = world.environment
        environment["JOURNAL_STREAM"] = journalStream
        let pid = try ProcessSpawn.start([CLI.binary, "agent", "once"], environment: environment,
                                         stdout: world.root + "/once.out", stderr: logFile, truncate: false)
        _ = AgentSpawn.wait(pid, timeout: 60)
        return (fileText(logFile) ?? "").split(separator: "\n").map(String.init)
    }

    private func deviceAndInode(_ path: String) throws -> String {
        var facts = stat()
        guard stat(path, &facts) == 0 else { throw AgentTestError("cannot stat \(path)") }
        return "\(facts.st_dev):\(facts.st_ino)"
    }

    @Test("stderr is the journal: <6> info, <5> notice, <3> error, so `journalctl -p err` finds the errors")
    func prefixed() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent()
        let log = world.root + "/journal"
        #expect(FileManager.default.createFile(atPath: log, contents: nil))
        let stream = try deviceAndInode(log)

        var lines = try once(world, logFile: log, journalStream: stream)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("<") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<6>") && $0.contains(" info fetched ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<5>") && $0.contains(" notice revision-applied ") }, "\(lines)")

        // The repository gone: a failed cycle is an error line at priority 3.
        try FileManager.default.removeItem(atPath: world.bare)
        truncate(log, 0)
        lines = try once(world, logFile: log, journalStream: stream)
        #expect(lines.contains { $0.hasPrefix("<3>") && $0.contains(" error cycle-failed ") }, "\(lines)")
        #expect(!lines.contains { $0.contains(" error ") && !$0.hasPrefix("<3>") }, "\(lines)")
    }

    @Test("JOURNAL_STREAM inherited but stderr redirected elsewhere, or malformed: plain lines")
    func notTheJournal() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        // No repository: every run logs a failed cycle (an up-to-date one logs nothing at info).
        try world.initAgent()
        try FileManager.default.removeItem(atPath: world.bare)
        let other = world.root + "/elsewhere"
        #expect(FileManager.default.createFile(atPath: other, contents: nil))
        let log = world.root + "/plain"
        #expect(FileManager.default.createFile(atPath: log, contents: nil))
        for stream in [try deviceAndInode(other), "garbage", "1:"] {
            truncate(log, 0)
            let lines = try once(world, logFile: log, journalStream: stream)
            #expect(lines.contains { $0.contains(" error cycle-failed ") }, "\(lines)")
            #expect(lines.allSatisfy { !$0.hasPrefix("<") }, "JOURNAL_STREAM=\(stream): \(lines)")
        }
    }
}
