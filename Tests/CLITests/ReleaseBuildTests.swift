import Foundation
import Testing

/// The rest of the suite runs the debug build; workstations run `make release`'s, built with
/// other compiler flags (scripts/build-release.sh: optimised, the Swift runtime linked in,
/// concrete metadata built by accessors instead of mangled names). Whatever the flags, the
/// release program must answer exactly as the debug one: same exit status, same output, on
/// every example spec, valid and invalid. Checked when the release build is there; .ci/run
/// builds it, then requires it (PROVIDER_SYNC_CHECK_ARTIFACTS=1).
@Suite("the release build answers as the debug build")
struct ReleaseBuildTests {
    static let releaseBinary = Artifacts.release + "/provider-sync"
    static var built: Bool { FileManager.default.isExecutableFile(atPath: releaseBinary) }

    /// Every example spec, relative to the repository (so that both print the same names).
    static func exampleSpecs() throws -> [String] {
        var specs: [String] = []
        for folder in ["examples", "examples/invalid", "examples/e2e"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: CLI.repository + "/" + folder)
            specs += names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
        }
        return specs + ["examples/team-repo/providers.d"]
    }

    @Test("validate in every format and render: the same status, output and errors on every example",
          .enabled(if: built || Artifacts.required))
    func sameAnswers() throws {
        try #require(Self.built, "no release build: make release")
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["HOME": home, "XDG_CONFIG_HOME": home + "/.config", "NO_COLOR": "1"]
        var statuses: Set<Int32> = []
        for spec in try Self.exampleSpecs() {
            var commands = ["text", "json", "github", "sarif"].map { ["validate", "--format", $0, spec] }
            commands.append(["render", spec, "--platform", "linux"])
            for arguments in commands {
                let debug = try CLI.run(arguments, environment: environment)
                let release = try CLI.run(executable: Self.releaseBinary, arguments, environment: environment)
                let command = arguments.joined(separator: " ")
                #expect(release.status == debug.status, "\(command): exit \(release.status), debug build \(debug.status)")
                #expect(release.stdout == debug.stdout, "\(command): standard output differs")
                #expect(release.stderr == debug.stderr, "\(command): standard error differs")
                statuses.insert(debug.status)
            }
        }
        // Both verdicts were compared, not only one of them.
        #expect(statuses.isSuperset(of: [0, 1]), "exit statuses seen: \(statuses.sorted())")
    }

    /// The rest of the suite runs libgit2 and libsecret through the debug build; the release
    /// program opens them with dlopen under its own link flags (no exported symbols).
    @Test("libgit2 and libsecret load: version names both, and agent once applies a commit with a key from the keychain",
          .enabled(if: built || Artifacts.required),
          .needs(KeyringTools.available && AgentTools.hasGit, "dbus-daemon, dbus-send, gnome-keyring-daemon, secret-tool and git"))
    func librariesLoad() throws {
        try #require(Self.built, "no release build: make release")
        let keyring = try KeyringSandbox.unlocked()
        defer { keyring.stop() }
        let world = try AgentWorld()
        defer { world.stop() }
        world.program = Self.releaseBinary
        world.useKeyring(keyring)

        let version = try world.cli(["version"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.contains("\nlibgit2 ") && version.stdout.contains("\nlibsecret "), "\(version.stdout)")

        let key = "sk-release-4c2a9e7d1b03"
        #expect(try world.cli(["secret", "set", "gateway-key"], stdin: key).status == 0)
        let revision = try world.commit(["providers.yaml": agentSpec(["gateway"]).replacingOccurrences(
            of: "    models:", with: "    apiKey: { keyring: gateway-key }\n    models:")])
        try world.initAgent()
        let once = try world.cli(["agent", "once"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(fileText(world.sidecarPath)?.contains(key) == true)
        #expect(try world.status()["lastAppliedRevision"] == .string(revision))
        #expect(!(once.stdout + once.stderr).contains(key))
    }
}
