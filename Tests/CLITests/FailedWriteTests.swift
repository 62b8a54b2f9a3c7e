#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import TestSupport
import Testing

/// A write that fails (a full disk, a read-only folder) claims nothing: the state never owns
/// what is not in the file, so a later apply of another spec cannot delete a provider or a
/// `model` the user then made by hand with the same id or key.
@Suite("apply: a failed write records no ownership", .serialized)
struct FailedWriteTests {
    /// The spec whose write fails: provider alpha and the default model.
    static let specA = specText([alphaProvider], model: "alpha/m1")
    /// Another spec, applied later: beta only, no model.
    static let specB = specText([betaProvider])
    static let seed = "{\n  \"theme\": \"dark\"\n}\n"
    /// What the user writes by hand after the failed apply: a provider with the spec's id, and a model.
    static let handMade = """
        {
          "theme": "dark",
          "provider": { "alpha": { "name": "My own alpha", "options": { "baseURL": "http://mine:1234/v1" } } },
          "model": "alpha/mine"
        }

        """

    /// The state files under `stateFolder/targets`, parsed.
    static func states(_ stateFolder: String) throws -> [JSONValue] {
        let folder = stateFolder + "/targets"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.map { try parsed(fileText(folder + "/" + $0) ?? "", options: .json) }
    }

    /// No state owns anything, and nothing is pending.
    static func expectNothingClaimed(_ stateFolder: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for state in try states(stateFolder) {
            #expect(state["ownedProviderIDs"] == [], "\(state)", sourceLocation: sourceLocation)
            #expect(state["ownedTopLevelKeys"] == [], "\(state)", sourceLocation: sourceLocation)
            #expect(state["pendingValueHashes"] == nil, "\(state)", sourceLocation: sourceLocation)
        }
    }

    /// The hand-made provider and model survived the apply of spec B, which added beta.
    static func expectHandMadeKept(_ target: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = try parsed(try #require(fileText(target), sourceLocation: sourceLocation))
        #expect(value["provider"]?["alpha"]?["name"] == "My own alpha", "\(value)", sourceLocation: sourceLocation)
        #expect(value["model"] == "alpha/mine", sourceLocation: sourceLocation)
        #expect(value["provider"]?["beta"] != nil, sourceLocation: sourceLocation)
    }

    @Test("a full file system (tmpfs in a private mount namespace): a clear error, no claim, hand-made values kept",
          .enabled(if: runningAsRoot && AgentTools.find("unshare") != nil, "needs root and unshare (mounts only in a private namespace)"))
    func fullDisk() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let specA = try box.write(Self.specA, to: "a.yaml")
        let specB = try box.write(Self.specB, to: "b.yaml")
        let seed = try box.write(Self.seed, to: "seed.json")
        let folder = box.work + "/full"
        let target = folder + "/opencode.json"
        let out = box.root + "/out"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        // The mount lives only in the namespace of this shell: it ends with it, also on a crash.
        let script = """
            set -u
            mount -t tmpfs -o size=64k tmpfs "$1" || exit 90
            cp "$2" "$1/opencode.json"
            dd if=/dev/zero of="$1/filler" bs=1k 2>/dev/null
            "$5" apply "$3" --target "$1/opencode.json" >"$4/stdout" 2>"$4/stderr"
            echo $? >"$4/status"
            cp "$1/opencode.json" "$4/after.json" && ls -A "$1" >"$4/listing"
            """
        let r = try AgentCLIResult.run([AgentTools.find("unshare")!, "-m", "--propagation", "private", "/bin/sh", "-c", script, "sh",
                                        folder, seed, specA, out, CLI.binary],
                                       environment: box.environment.merging(["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]) { $1 },
                                       folder: box.root, timeout: 60)
        guard r.status != 90 else {
            print("skipped: tmpfs cannot be mounted here (\(r.stderr))")
            return
        }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileText(out + "/status") == "2\n", "\(fileText(out + "/stderr") ?? "")")
        let stderr = fileText(out + "/stderr") ?? ""
        #expect(stderr.contains("No space left on device"), "\(stderr)")
        #expect(fileText(out + "/after.json") == Self.seed)  // the target was left as it was
        #expect(fileText(out + "/listing") == "filler\nopencode.json\n")  // no temporary file left
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)  // the mount is gone
        try Self.expectNothingClaimed(box.stateFolder)

        // The user makes alpha and a model by hand; another spec is applied to the same file.
        try box.write(Self.handMade, to: target)
        let later = try box.runBounded(["apply", specB, "--target", target], timeout: 60)
        #expect(later.status == 0, "\(later.stderr)")
        try Self.expectHandMadeKept(target)
    }

    @Test("a read-only folder, as an unprivileged user (setpriv to nobody): a clear error, no claim, hand-made values kept",
          .enabled(if: runningAsRoot && AgentTools.find("setpriv") != nil, "needs root to switch to nobody with setpriv"))
    func readOnlyFolder() throws {
        let nobody: uid_t = 65534
        // Everything nobody uses lives in a folder it can reach: a 0755 temporary folder.
        let root = try temporaryFolder()
        defer {
            chmod(root + "/home/config", 0o755)
            try? FileManager.default.removeItem(atPath: root)
        }
        chmod(root, 0o755)
        let home = root + "/home", config = home + "/config", target = config + "/opencode.json"
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: false)
        try copyExecutable(CLI.binary, to: root + "/bin/provider-sync")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try Self.specA.write(toFile: home + "/a.yaml", atomically: false, encoding: .utf8)
        try Self.specB.write(toFile: home + "/b.yaml", atomically: false, encoding: .utf8)
        try Self.seed.write(toFile: target, atomically: false, encoding: .utf8)
        for path in [home, config, target, home + "/a.yaml", home + "/b.yaml"] { chown(path, nobody, nobody) }
        chmod(config, 0o555)
        let environment = ["PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"]
        func asNobody(_ arguments: [String]) throws -> AgentCLIResult {
            try AgentCLIResult.run([AgentTools.find("setpriv")!, "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "--",
                                    root + "/bin/provider-sync"] + arguments,
                                   environment: environment, folder: root, timeout: 60)
        }

        let failed = try asNobody(["apply", home + "/a.yaml", "--target", target])
        #expect(failed.status == 2, "\(failed.stderr)")
        #expect(failed.stderr.contains("could not create a temporary file in \(config): Permission denied"), "\(failed.stderr)")
        #expect(fileText(target) == Self.seed)
        let stateFolder = home + "/.local/state/provider-sync"
        #expect(try !Self.states(stateFolder).isEmpty)  // the apply got as far as its state
        try Self.expectNothingClaimed(stateFolder)

        chmod(config, 0o755)
        try Self.handMade.write(toFile: target, atomically: false, encoding: .utf8)
        chown(target, nobody, nobody)
        let later = try asNobody(["apply", home + "/b.yaml", "--target", target])
        #expect(later.status == 0, "\(later.stderr)")
        try Self.expectHandMadeKept(target)
    }
}
