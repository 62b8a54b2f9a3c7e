import Foundation
import Testing

@Suite("schema, init, hook install, version")
struct SetupCommandTests {
    @Test("schema prints the schema file")
    func schema() throws {
        let r = try CLI.run(["schema"])
        #expect(r.status == 0)
        let file = try String(contentsOfFile: CLI.repository + "/schemas/provider-spec.schema.json", encoding: .utf8)
        #expect(r.stdout == file)
    }

    @Test("init writes a valid starter and never overwrites")
    func initCommand() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try CLI.run(["init", "--schema-file", "schema.json"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try String(contentsOfFile: folder + "/providers.yaml", encoding: .utf8)
        #expect(written.hasPrefix("# yaml-language-server: $schema=schema.json\n"))
        #expect(try CLI.run(["validate"], in: folder).status == 0)
        try "changed".write(toFile: folder + "/providers.yaml", atomically: true, encoding: .utf8)
        let second = try CLI.run(["init"], in: folder)
        #expect(second.status == 2)
        #expect(second.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: folder + "/providers.yaml", encoding: .utf8) == "changed")
    }

    @Test("version names the three C libraries")
    func version() throws {
        let r = try CLI.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("libyaml 0."))
        #expect(r.stdout.contains("libgit2 1."))
        #expect(r.stdout.contains("libsecret 0."))
    }

    @Test("the pre-commit hook blocks a commit of an invalid spec and lets a valid one through")
    func hook() throws {
        let repo = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        func git(_ args: String...) throws -> CLI.Result {
            try CLI.run(executable: "/usr/bin/git", ["-c", "user.name=T", "-c", "user.email=t@example.com"] + args, in: repo)
        }
        _ = try git("init", "-q")
        let install = try CLI.run(["hook", "install"], in: repo)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(try CLI.run(["hook", "install"], in: repo).stderr.contains("up to date"))

        let valid = try String(contentsOfFile: CLI.repository + "/examples/tgi.yaml", encoding: .utf8)
        try valid.write(toFile: repo + "/providers.yaml", atomically: true, encoding: .utf8)
        _ = try git("add", "providers.yaml")
        #expect(try git("commit", "-q", "-m", "valid").status == 0)

        // Stage an invalid version, then fix only the working copy: the hook checks what is staged.
        try valid.replacingOccurrences(of: "models:", with: "modles:").write(toFile: repo + "/providers.yaml", atomically: true, encoding: .utf8)
        _ = try git("add", "providers.yaml")
        try valid.write(toFile: repo + "/providers.yaml", atomically: true, encoding: .utf8)
        let blocked = try git("commit", "-q", "-m", "invalid")
        #expect(blocked.status != 0)
        // git hands a hook's output to stderr.
        #expect(blocked.stderr.contains("providers.yaml:9:5: error: unknown property 'modles'"))
    }

    @Test("hook install refuses to replace a hook it did not write, unless --force")
    func hookRefuses() throws {
        let repo = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        _ = try CLI.run(executable: "/usr/bin/git", ["init", "-q"], in: repo)
        let hook = repo + "/.git/hooks/pre-commit"
        try "#!/bin/sh\necho mine\n".write(toFile: hook, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["hook", "install"], in: repo)
        #expect(refused.status == 2, "a refusal is a usage error, as for init and agent init")
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == "#!/bin/sh\necho mine\n")
        #expect(try CLI.run(["hook", "install", "--force"], in: repo).status == 0)
        #expect(try String(contentsOfFile: hook, encoding: .utf8).contains("provider-sync pre-commit hook"))
    }

    @Test("hook install outside a repository is a clear error")
    func hookOutsideRepository() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["hook", "install"], in: folder)
        #expect(r.status == 2)
        #expect(r.stderr.contains("not inside a git repository"))
    }
}
