#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TestSupport
import Testing

/// Targets and spec files that are not regular files: FIFOs, sockets, folders, device nodes
/// (made under the sandbox with mknod; the real /dev/null is never touched). Every run has a
/// watchdog: a command that blocks on a FIFO fails the test instead of hanging the suite.
@Suite("hostile files: targets and specs that are not regular files")
struct NonRegularFileTests {
    static let spec = specText([alphaProvider], model: "alpha/m1")
    /// Far more than a refusal takes; a FIFO opened for reading would wait for ever.
    static let watchdog = 30.0

    enum Kind: String, CaseIterable {
        case fifo, socket, folder

        var description: String {
            switch self {
            case .fifo: "a FIFO (named pipe)"
            case .socket: "a socket"
            case .folder: "a folder"
            }
        }

        var mode: mode_t {
            switch self {
            case .fifo: S_IFIFO
            case .socket: S_IFSOCK
            case .folder: S_IFDIR
            }
        }

        func make(_ path: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            switch self {
            case .fifo: try SpecialFiles.makeFIFO(path)
            case .socket: try SpecialFiles.makeSocket(path)
            case .folder: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            }
        }
    }

    /// Nothing of this tool's was written for any target: no state, no history.
    static func expectNoState(_ box: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(snapshot(box.stateFolder + "/targets").isEmpty, sourceLocation: sourceLocation)
        #expect(snapshot(box.stateFolder + "/history").isEmpty, sourceLocation: sourceLocation)
    }

    @Test("apply --target on a FIFO, a socket, a folder: refused by type, exit 2, nothing written, the lock free again",
          arguments: Kind.allCases)
    func applyRefuses(_ kind: Kind) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = box.work + "/\(kind.rawValue)/opencode.json"
        try kind.make(target)

        let r = try box.runBounded(["apply", spec, "--target", target], timeout: Self.watchdog)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(target) is \(kind.description), not a regular file; nothing was written"), "\(r.stderr)")
        #expect(SpecialFiles.type(target) == kind.mode)
        Self.expectNoState(box)
        // Through a symlink: the message names both.
        let link = box.work + "/link-to-\(kind.rawValue).json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let linked = try box.runBounded(["apply", spec, "--target", link], timeout: Self.watchdog)
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("\(link) is a link to \(target), which is \(kind.description), not a regular file"), "\(linked.stderr)")
        #expect(SpecialFiles.type(link) == S_IFLNK)
        // The write lock was not left held: an apply elsewhere goes through at once.
        let healthy = try box.runBounded(["apply", spec, "--lock-timeout", "1"], timeout: Self.watchdog)
        #expect(healthy.status == 0, "\(healthy.stderr)")
    }

    @Test("diff, status, rollback and render --target on a FIFO: each refused within the bound, exit 2")
    func everyCommandOnAFIFO() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let fifo = box.work + "/fifo/opencode.json"
        try Kind.fifo.make(fifo)
        let commands: [[String]] = [
            ["diff", spec, "--target", fifo], ["status", "--target", fifo], ["rollback", "--target", fifo],
            ["render", spec, "--target", fifo], ["apply", spec, "--target", fifo, "--dry-run"],
        ]
        for command in commands {
            let r = try box.runBounded(command, timeout: Self.watchdog)
            #expect(r.status == 2, "\(command.joined(separator: " ")): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(fifo) is a FIFO (named pipe), not a regular file"), "\(command): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(command): \(r.stdout)")
        }
        #expect(SpecialFiles.type(fifo) == S_IFIFO)
        Self.expectNoState(box)
    }

    @Test("a target linked to a null device is 'switched off on purpose': refused, and the node stays a device",
          .enabled(if: SpecialFiles.canMakeDevices, "mknod is not permitted here (needs root and a mount without nodev)"))
    func linkToNullDevice() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let device = box.work + "/devices/null"
        try FileManager.default.createDirectory(atPath: box.work + "/devices", withIntermediateDirectories: false)
        try SpecialFiles.makeNullDevice(device)
        let link = box.work + "/link-to-devnull"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: device)

        for command in [["apply", spec, "--target", link], ["diff", spec, "--target", link], ["status", "--target", link],
                        ["rollback", "--target", link], ["render", spec, "--target", link]] {
            let r = try box.runBounded(command, timeout: Self.watchdog)
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("\(link) is a link to \(device), the null device: switched off on purpose (remove the link to manage it)"),
                    "\(command): \(r.stderr)")
            #expect(SpecialFiles.isNullDevice(device), "\(command) replaced the device node")
            #expect(SpecialFiles.type(link) == S_IFLNK)
        }
        // The node itself as the target.
        let direct = try box.runBounded(["apply", spec, "--target", device], timeout: Self.watchdog)
        #expect(direct.status == 2)
        #expect(direct.stderr.contains("\(device) is the null device: switched off on purpose"), "\(direct.stderr)")
        #expect(SpecialFiles.isNullDevice(device))
        Self.expectNoState(box)
    }

    @Test("spec files: a FIFO named *.yaml in a folder, a FIFO as the spec; validate - still reads a pipe")
    func specFiles() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let folder = box.work + "/providers.d"
        try box.write(Self.spec, to: "providers.d/a.yaml")
        try SpecialFiles.makeFIFO(folder + "/b.yaml")

        let r = try box.runBounded(["validate", folder], timeout: Self.watchdog)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(folder)/b.yaml: is a FIFO (named pipe), not a regular file"), "\(r.stderr)")
        #expect(r.stderr.contains("1 unreadable in 2 files"), "\(r.stderr)")

        for command in [["validate", folder + "/b.yaml"], ["apply", folder + "/b.yaml"], ["render", folder + "/b.yaml"]] {
            let refused = try box.runBounded(command, timeout: Self.watchdog)
            #expect(refused.status == 2, "\(command): \(refused.stderr)")
            #expect(refused.stderr.contains("b.yaml: is a FIFO (named pipe), not a regular file"), "\(command): \(refused.stderr)")
        }
        let piped = try box.runBounded(["validate", "-"], timeout: Self.watchdog, stdin: Self.spec)
        #expect(piped.status == 0, "\(piped.stderr)")
    }

    @Test("a symlinked spec in a folder: read when it stays inside the folder, refused with a reason when it leaves")
    func symlinkedSpecInFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let folder = box.work + "/providers.d"
        try box.write(Self.spec, to: "providers.d/shared/alpha.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/10-alpha.yaml", withDestinationPath: "shared/alpha.yaml")
        let inside = try box.runBounded(["validate", folder], timeout: Self.watchdog)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stderr.contains("1 file valid"), "\(inside.stderr)")

        let outside = try box.write(specText([betaProvider]), to: "elsewhere/beta.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/20-beta.yaml", withDestinationPath: outside)
        // A link out of the folder is a verdict on the tree (as the agent gives it on the same
        // commit): an error of the file, exit 1, never skipped.
        let r = try box.runBounded(["validate", folder], timeout: Self.watchdog)
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(folder)/20-beta.yaml: error: a symbolic link to \(outside), which leads outside \(folder); not read"), "\(r.stdout)")
    }

    @Test("probe --ca-file on a FIFO: a usage error at once, the TLS library never opens it")
    func caFileFIFO() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let fifo = box.work + "/ca.pem"
        try SpecialFiles.makeFIFO(fifo)
        for command in [["probe", spec, "--ca-file", fifo], ["models", "alpha", spec, "--ca-file", fifo]] {
            let r = try box.runBounded(command, timeout: Self.watchdog)
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("--ca-file: \(fifo) is a FIFO (named pipe), not a regular file"), "\(command): \(r.stderr)")
        }
    }

    @Test("a target over 32 MiB: refused before it is read, exit 2, nothing written")
    func oversizedTarget() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = try box.write(Self.spec, to: "spec.yaml")
        let target = box.work + "/big/opencode.json"
        try box.write("{}", to: target)
        #expect(truncate(target, off_t(32 << 20) + 1) == 0)  // sparse: no 32 MiB written to disk
        let before = try #require(FileFacts(target))
        let r = try box.runBounded(["apply", spec, "--target", target], timeout: Self.watchdog)
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(target) is 33554433 bytes (32.0 MiB), over the limit of 32 MiB; nothing was written"), "\(r.stderr)")
        #expect(FileFacts(target) == before)
        Self.expectNoState(box)
    }

    @Test("validate - reads at most 32 MiB of standard input, stopping as soon as it is over (< /dev/zero)")
    func unboundedStandardInput() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let out = box.root + "/out", err = box.root + "/err"
        // /dev/zero is only read here, as any program's standard input may be.
        let pid = try ProcessSpawn.start([CLI.binary, "validate", "-"], environment: box.environment, stdout: out, stderr: err,
                                         stdinFile: "/dev/zero")
        guard let status = AgentSpawn.wait(pid, timeout: Self.watchdog) else {
            kill(-pid, SIGKILL)
            _ = AgentSpawn.wait(pid, timeout: 10)
            Issue.record("validate - < /dev/zero did not stop within \(Self.watchdog) s")
            return
        }
        #expect(status == 2)
        #expect(fileText(err)?.contains("error: <stdin>: is over the limit of 32 MiB") == true, "\(fileText(err) ?? "")")
    }
}

extension Sandbox {
    /// As `run`, with a watchdog: after `timeout` seconds the process group is killed and the
    /// test fails, where a command blocked on a FIFO would otherwise hang the suite.
    func runBounded(_ arguments: [String], timeout: Double, stdin: String? = nil) throws -> AgentCLIResult {
        try AgentCLIResult.run([CLI.binary] + arguments, environment: environment, folder: root, timeout: timeout, stdin: stdin)
    }
}
