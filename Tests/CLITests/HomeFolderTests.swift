import Foundation
import Testing

/// A path written with `~` needs the home folder; without HOME it is an error naming HOME,
/// never a folder called "~" under the working folder (which `agent init` and agent.yaml made
/// before: `--ca-file ~/ca.pem` became `<cwd>/~/ca.pem`).
@Suite("paths with ~ when HOME is not set")
struct HomeFolderTests {
    @Test("agent init --ca-file ~/ca.pem without HOME: exit 2 naming HOME, nothing written")
    func agentInit() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let config = sandbox.work + "/agent.yaml"
        let r = try sandbox.run(["agent", "init", "--config", config, "--url", "https://h/r.git", "--ca-file", "~/ca.pem"],
                                extra: ["HOME": nil])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot find the home folder in ~/ca.pem: the environment variable HOME is not set"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: config))
    }

    @Test("agent.yaml with caFile: ~/ca.pem read without HOME: an error at its line and column")
    func agentConfig() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let config = try sandbox.write("source:\n  url: https://h/r.git\n  caFile: ~/ca.pem\n", to: "agent.yaml")
        let r = try sandbox.run(["agent", "once", "--config", config], extra: ["HOME": nil, "XDG_STATE_HOME": sandbox.root + "/state"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(config):3:11: error: cannot find the home folder in ~/ca.pem: the environment variable HOME is not set"),
                "\(r.stderr)")
    }

    @Test("a relative HOME is refused for the targets too, not taken from the working folder")
    func relativeHome() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let r = try sandbox.run(["paths"], extra: ["HOME": "home"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("openwork    (unknown: cannot find the openwork config: HOME is \"home\", which is not an absolute path)"),
                "\(r.stdout)")
    }
}
