#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import TestSupport
import Testing

/// The agent against hostile files: a target that is a FIFO, a huge blob in the team repository,
/// symlinked specs in a folder, a spec path that leaves the repository, another apply to its
/// target.
@Suite("agent: hostile files and paths", .needs(AgentTools.hasGit, "git"))
struct AgentHostileFileTests {
    @Test("a target that is a FIFO: the cycle fails at once, a stalling failure a person must fix (exit 1), and nothing is written")
    func fifoTarget() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let fifo = world.root + "/fifo.json"
        try SpecialFiles.makeFIFO(fifo)
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL, ["--target", fifo])
        let once = try world.cli(["agent", "once"], timeout: 30)
        #expect(once.status == 1, "\(once.stderr)")
        let error = try world.status()["lastError"]
        #expect(error?["stage"] == "write")
        #expect(error?["reason"] == "targetConflict")
        #expect(error?["message"]?.stringValue?.contains("\(fifo) is a FIFO (named pipe), not a regular file") == true, "\(String(describing: error))")
        #expect(SpecialFiles.type(fifo) == S_IFIFO)
        #expect(snapshot(world.stateFolder + "/targets").isEmpty)
    }

    @Test("source.caFile that is a folder or a FIFO: the cycle fails naming the file and its type, and the agent does not crash")
    func caFileNotARegularFile() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        let fifo = world.root + "/ca.fifo"
        try SpecialFiles.makeFIFO(fifo)
        for caFile in [world.root + "/served", fifo] {
            try world.initAgent(url: world.fileURL, ["--force"])
            let yaml = try #require(fileText(world.agentConfig))
            try yaml.replacingOccurrences(of: "source:\n", with: "source:\n  caFile: \(caFile)\n")
                .write(toFile: world.agentConfig, atomically: true, encoding: .utf8)
            // Until this round the mirror freed its repository twice on this path: a crash (signal 11).
            let once = try world.cli(["agent", "once"], timeout: 30)
            #expect(once.status == 2, "\(caFile): \(once.status) \(once.stderr)")
            #expect(once.stderr.contains("cannot load CA file \(caFile)"), "\(once.stderr)")
            #expect(try world.status()["lastError"]?["reason"] == "hostUntrusted")
        }
        #expect(SpecialFiles.type(fifo) == S_IFIFO)
    }

    @Test("a spec blob over 32 MiB is refused from its header (rejected, exit 1), not read whole")
    func largeBlob() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        let good = try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL)
        #expect(try world.cli(["agent", "once"]).status == 0)
        // 40 MiB of zeros: git stores it compressed to a few KB, so the test stays fast.
        #expect(truncate(world.work + "/providers.yaml", 40 << 20) == 0)
        let big = try world.commit([:], message: "a huge file")
        let once = try world.cli(["agent", "once"], timeout: 60)
        #expect(once.status == 1, "\(once.stderr)")
        let error = try world.status()["lastError"]
        #expect(error?["kind"] == "rejected")
        #expect(error?["message"]?.stringValue?.contains("team@\(big.prefix(7)):providers.yaml: error: the file is 41943040 bytes, over the limit of 32 MiB; not read") == true,
                "\(String(describing: error))")
        #expect(try world.status()["lastAppliedRevision"] == .string(good))
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
    }

    @Test("symlinked specs in a folder: followed inside the folder, refused with the reason when they leave it")
    func symlinkedSpecs() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.d/shared/alpha.yaml": agentSpec(["alpha"]), "outside/beta.yaml": agentSpec(["beta"], model: false)])
        try FileManager.default.createSymbolicLink(atPath: world.work + "/providers.d/10-alpha.yaml", withDestinationPath: "shared/alpha.yaml")
        let inside = try world.commit([:], message: "link inside the folder")
        try world.initAgent(url: world.fileURL, ["--path", "providers.d"])
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
        #expect(try world.status()["lastAppliedRevision"] == .string(inside))

        try FileManager.default.createSymbolicLink(atPath: world.work + "/providers.d/20-beta.yaml", withDestinationPath: "../outside/beta.yaml")
        let outside = try world.commit([:], message: "link out of the folder")
        let refused = try world.cli(["agent", "once"])
        #expect(refused.status == 1, "\(refused.stderr)")
        let message = try world.status()["lastError"]?["message"]?.stringValue ?? ""
        #expect(message.contains("team@\(outside.prefix(7)):providers.d/20-beta.yaml: error: a symbolic link to ../outside/beta.yaml, which leads outside providers.d; not read"),
                "\(message)")
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
    }

    @Test("a spec path that leaves the repository: agent init refuses it at line:col (exit 2), agent.yaml too")
    func pathOutsideRepository() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        for path in ["../../etc", "/etc/passwd", "providers.d/../../x.yaml"] {
            let r = try world.cli(["agent", "init", "--url", world.fileURL, "--path", path])
            #expect(r.status == 2, "\(path): \(r.stderr)")
            #expect(r.stderr.contains("\(world.agentConfig):7:9: error: invalid spec path '\(path)'"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: world.agentConfig))
        }
        try FileManager.default.createDirectory(atPath: world.configHome + "/provider-sync", withIntermediateDirectories: true)
        try "source:\n  url: \(world.fileURL)\n  path: ../secrets.yaml\n".write(toFile: world.agentConfig, atomically: true, encoding: .utf8)
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 2)
        #expect(once.stderr.contains("\(world.agentConfig):3:9: error: invalid spec path '../secrets.yaml': '..' cannot leave the repository"), "\(once.stderr)")
    }

    @Test("agent status shows drift at once when another spec is applied by hand to the agent's target")
    func driftAfterManualApply() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])])
        try world.initAgent(url: world.fileURL)
        #expect(try world.cli(["agent", "once"]).status == 0)
        #expect(try world.status()["drift"] == [])

        let other = world.root + "/other.yaml"
        try agentSpec(["beta"], name: "Other").write(toFile: other, atomically: true, encoding: .utf8)
        let apply = try world.cli(["apply", other])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try providerIDs(world.sidecarPath) == ["beta"])

        let drift = try #require(try world.status()["drift"]?[0])
        #expect(drift["target"] == "accomplish")
        let findings = drift["findings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(findings.contains { $0.hasPrefix("another apply (spec fnv1a64:") }, "\(findings)")
        #expect(findings.contains("provider alpha was removed by hand"), "\(findings)")
        #expect(findings.contains("model was changed by hand"), "\(findings)")
        let text = try world.cli(["agent", "status"])
        #expect(text.stdout.contains("provider alpha was removed by hand"), "\(text.stdout)")
    }
}
