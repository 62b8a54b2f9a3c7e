import CGit2
import CSecret
import Foundation
import TestSupport
import Testing

/// libgit2 and libsecret are opened on first use, not by the dynamic loader at start-up. Each
/// test hides them: a folder on LD_LIBRARY_PATH holds a file under each soname that is not a
/// library, which the loader finds first and cannot load, as on a machine without the packages
/// (no system path is touched). A binary that still linked them would not start at all.
@Suite("C libraries loaded on first use")
struct LibraryLoadingTests {
    static let gitSoname = String(cString: provider_sync_git_soname())
    static let gitPackage = String(cString: provider_sync_git_package())
    static let secretSoname = String(cString: provider_sync_secret_soname())
    static let secretPackage = String(cString: provider_sync_secret_package())

    /// A folder shadowing both libraries, for LD_LIBRARY_PATH.
    static func hidingFolder(in box: Sandbox) throws -> String {
        let folder = box.root + "/hidden-libraries"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for soname in [gitSoname, secretSoname] {
            try "not a library\n".write(toFile: folder + "/" + soname, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let specWithoutKeyring = """
        version: 1
        providers:
          local:
            name: Local
            url: http://localhost:8000
            models: [m]

        """

    @Test("validate, render, diff, apply, status, explain, schema, paths, init and --version run without either library")
    func commandsThatNeedNeither() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let hidden = ["LD_LIBRARY_PATH": try Self.hidingFolder(in: box)]
        let spec = try box.write(Self.specWithoutKeyring, to: "providers.yaml")
        for arguments in [["--version"], ["validate", spec], ["render", spec], ["diff", spec], ["apply", spec], ["diff", spec],
                          ["status"], ["explain", spec], ["schema"], ["paths"], ["init", box.work + "/new.yaml"]] {
            let r = try box.run(arguments, extra: hidden)
            // diff exits 1 before apply (changes to make) and 0 after; explain 1 when OpenCode
            // would not see every provider as the spec has it.
            let checkFailed = ["diff", "explain"].contains(arguments[0]) && r.status == 1
            #expect(r.status == 0 || checkFailed, "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("cannot load"), "\(arguments): \(r.stderr)")
        }
        #expect(fileText(box.sidecarPath)?.contains("\"local\"") == true)
    }

    @Test("secret commands and an apply that needs a keyring key name libsecret's package; nothing is written")
    func keyringWithoutLibsecret() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let hidden = ["LD_LIBRARY_PATH": try Self.hidingFolder(in: box)]
        let spec = try box.write("""
            version: 1
            providers:
              gateway:
                name: Gateway
                url: https://ai.example.com/v1
                apiKey: { keyring: gateway-key }
                models: [m]

            """, to: "providers.yaml")
        for arguments in [["secret", "list"], ["secret", "set", "gateway-key"], ["apply", spec]] {
            let r = try box.run(arguments, extra: hidden)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("cannot load libsecret (\(Self.secretSoname))"), "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("apt install \(Self.secretPackage)"), "\(arguments): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: box.sidecarPath))
        #expect(!FileManager.default.fileExists(atPath: box.stateFolder))
    }

    @Test("version names what cannot be loaded and the package to install, and still exits 0")
    func versionWithoutEither() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run(["version"], extra: ["LD_LIBRARY_PATH": try Self.hidingFolder(in: box)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("libgit2 not loaded: cannot load libgit2 (\(Self.gitSoname))"), "\(r.stdout)")
        #expect(r.stdout.contains("apt install \(Self.gitPackage)"), "\(r.stdout)")
        #expect(r.stdout.contains("apt install \(Self.secretPackage)"), "\(r.stdout)")
        let loaded = try box.run(["version"])
        #expect(loaded.status == 0)
        #expect(!loaded.stdout.contains("not loaded"), "\(loaded.stdout)")
    }

    @Test("the agent without libgit2: the cycle fails as sourceFailed naming the package, nothing is written",
          .needs(AgentTools.hasGit, "git"))
    func agentWithoutLibgit2() throws {
        let world = try AgentWorld()
        defer { world.stop() }
        try world.commit(["providers.yaml": agentSpec(["alpha"])], message: "alpha")
        try world.initAgent()
        let box = try Sandbox()
        defer { box.remove() }
        world.extraEnvironment["LD_LIBRARY_PATH"] = try Self.hidingFolder(in: box)
        let once = try world.cli(["agent", "once"])
        #expect(once.status != 0)
        #expect(once.stderr.contains("cannot load libgit2 (\(Self.gitSoname))"), "\(once.stderr)")
        #expect(once.stderr.contains("apt install \(Self.gitPackage)"), "\(once.stderr)")
        #expect(!FileManager.default.fileExists(atPath: world.sidecarPath))
        let status = try world.status()
        #expect(status["lastError"]?["reason"] == .string("sourceFailed"), "\(status)")

        // Installing the library (here: no longer hiding it) mends the next cycle.
        world.extraEnvironment["LD_LIBRARY_PATH"] = nil
        let again = try world.cli(["agent", "once"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try providerIDs(world.sidecarPath) == ["alpha"])
    }
}
