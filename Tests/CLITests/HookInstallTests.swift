import Foundation
import TestSupport
import Testing

/// `hook install`: the hook it writes checks the spec as the commit will hold it, runs this
/// program by an absolute path, and keeps a hook that was there.
@Suite("hook install and the hook it writes", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
struct HookInstallTests {
    @Test("a folder is checked as one spec: a provider in two staged files blocks the commit, each file valid alone")
    func folderClash() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let repo = try TeamCheckout(box)
        #expect(try repo.run(["hook", "install", "providers.d"]).status == 0)
        let good = try repo.commit(["providers.d/10-a.yaml": specText([alphaProvider]), "providers.d/20-b.yaml": specText([betaProvider])])
        #expect(good.status == 0, "\(good.stderr)")

        let clash = try repo.commit(["providers.d/30-c.yaml": specText([alphaProvider])])
        #expect(clash.status != 0)
        #expect(clash.stderr.contains("providers.d/30-c.yaml:3:3: error: provider 'alpha' is also declared in providers.d/10-a.yaml:3:3; keep it in one file"),
                "\(clash.stderr)")
        #expect(try repo.run(["validate", "providers.d/30-c.yaml"]).status == 0, "the file alone is valid")
    }

    @Test("the staged versions are checked: a fix only in the working copy still blocks; an untracked spec is not part of it")
    func stagedNotWorkingCopy() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let repo = try TeamCheckout(box)
        #expect(try repo.run(["hook", "install", "providers.d"]).status == 0)
        try repo.write(["providers.d/10-a.yaml": specText([alphaProvider]).replacingOccurrences(of: "models:", with: "modles:")])
        try repo.git("add", "-A")
        try repo.write(["providers.d/10-a.yaml": specText([alphaProvider]), "providers.d/20-untracked.yaml": "not: [yaml"])
        let blocked = try repo.git("commit", "-q", "-m", "typo staged")
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("providers.d/10-a.yaml:7:5: error: unknown property 'modles'"), "\(blocked.stderr)")
        #expect(!blocked.stderr.contains("20-untracked"), "\(blocked.stderr)")
        try repo.git("add", "providers.d/10-a.yaml")
        let fixed = try repo.git("commit", "-q", "-m", "fixed")
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test("a commit that does not touch the spec paths is not checked; one that does, only the paths it touches")
    func otherPaths() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let repo = try TeamCheckout(box)
        #expect(try repo.run(["hook", "install", "providers.yaml", "providers.d"]).status == 0)
        #expect(try repo.commit(["README.md": "# team\n", "notes.yaml": "not: [yaml"]).status == 0)
        // Only the paths a commit changes are checked: providers.d is not in this repository.
        #expect(try repo.commit(["providers.yaml": specText([alphaProvider])]).status == 0)
    }

    /// Regression: the hook named `provider-sync` (the name it was invoked by), so a git GUI with
    /// a minimal PATH failed with "provider-sync: not found".
    @Test("the hook runs the binary by the absolute path it was invoked through, not resolved: a minimal PATH commits")
    func absoluteBinary() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let repo = try TeamCheckout(box)
        let bin = box.root + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/provider-sync", withDestinationPath: CLI.binary)
        // Invoked by name, found on PATH (as a shell does): argv[0] is "provider-sync".
        let install = try runProcess("/bin/sh", ["-c", "provider-sync hook install"],
                                     environment: repo.environment.merging(["PATH": bin + ":/usr/bin:/bin"]) { $1 }, folder: repo.path)
        #expect(install.status == 0, "\(install.stderr)")
        let hook = try String(contentsOfFile: repo.path + "/.git/hooks/pre-commit", encoding: .utf8)
        #expect(hook.contains("expected='\(bin)/provider-sync'"), "the link on PATH, not the file it leads to: \(hook)")

        let minimal = ["PATH": "/usr/bin:/bin"]
        #expect(try repo.commit(["providers.yaml": specText([alphaProvider])], environment: minimal).status == 0)
        let blocked = try repo.commit(["providers.yaml": "version: 1\nproviders: {}\nmodle: x\n"], environment: minimal)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("providers.yaml:3:1: error: unknown property 'modle'"), "\(blocked.stderr)")
        #expect(!blocked.stderr.contains("not found"), "\(blocked.stderr)")
    }

    @Test("a removed binary: the hook says so and blocks (exit 2), it never passes a commit unchecked")
    func binaryGone() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let repo = try TeamCheckout(box)
        let copy = box.root + "/provider-sync"
        try copyExecutable(CLI.binary, to: copy)
        #expect(try runProcess(copy, ["hook", "install"], environment: repo.environment, folder: repo.path).status == 0)
        try FileManager.default.removeItem(atPath: copy)
        let r = try repo.commit(["providers.yaml": specText([alphaProvider])], environment: ["PATH": "/usr/bin:/bin"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(copy) is not there and provider-sync is not on PATH"), "\(r.stderr)")
    }

    @Test("--force keeps the hook that was there, runs it first, and its failure blocks the commit; without --force: exit 2")
    func forceChains() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let repo = try TeamCheckout(box)
        let hook = repo.path + "/.git/hooks/pre-commit"
        let mine = "#!/bin/sh\necho mine >> \"$(git rev-parse --git-dir)/mine.log\"\n[ ! -e block ]\n"
        try box.write(mine, to: hook, mode: 0o755)
        let refused = try repo.run(["hook", "install"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("pass --force to keep it"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == mine)

        let forced = try repo.run(["hook", "install", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("kept as \(hook).provider-sync-previous"), "\(forced.stderr)")
        #expect(try String(contentsOfFile: hook + ".provider-sync-previous", encoding: .utf8) == mine)
        #expect(try repo.run(["hook", "install", "--force"]).stderr.contains("up to date"), "our own hook is replaced, never kept")

        #expect(try repo.commit(["providers.yaml": specText([alphaProvider])]).status == 0)
        #expect(try String(contentsOfFile: repo.path + "/.git/mine.log", encoding: .utf8) == "mine\n")
        let blockedByMine = try repo.commit(["block": "", "providers.yaml": specText([betaProvider])])
        #expect(blockedByMine.status != 0)
        let blockedBySpec = try repo.commit(["block": nil, "providers.yaml": "version: 2\n"])
        #expect(blockedBySpec.status != 0)
        #expect(blockedBySpec.stderr.contains("providers.yaml:1:10: error"), "\(blockedBySpec.stderr)")
    }

    @Test("core.hooksPath set globally: a warning that the hook runs in every repository")
    func globalHooksPath() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let repo = try TeamCheckout(box)
        let shared = box.root + "/shared-hooks"
        try box.write("[core]\n\thooksPath = \(shared)\n", to: box.home + "/.gitconfig")
        let r = try repo.run(["hook", "install"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: core.hooksPath is set in your global git config (\(shared)): this hook will run in every repository that uses that folder"),
                "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: shared + "/pre-commit"))

        let local = try TeamCheckout(try Sandbox())
        defer { local.sandbox.remove() }
        try local.git("config", "core.hooksPath", ".githooks")
        let quiet = try local.run(["hook", "install"])
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("warning"), "a repository's own hooksPath is no surprise: \(quiet.stderr)")
    }
}
