import Foundation
import Testing

/// Exit codes as the README's command sections give them: 0 success, 1 a failed check (an
/// invalid spec, a missing key; for `diff` only "there are changes"), 2 usage, I/O or
/// environment error, a refusal included.
@Suite("exit codes and messages agree with the README")
struct ExitCodeTests {
    static let invalid = "version: 2\n"
    static let valid = "version: 1\nproviders:\n  p:\n    name: P\n    url: http://localhost:8000\n    models: [m]\n"

    @Test("diff: an invalid spec is 2 (1 means changes), changes are 1, none is 0")
    func diff() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let invalid = try box.write(Self.invalid, to: "invalid.yaml")
        let valid = try box.write(Self.valid, to: "valid.yaml")
        let bad = try box.run(["diff", invalid])
        #expect(bad.status == 2, "\(bad.stderr)")
        #expect(bad.stderr.contains("error: \(invalid) is not valid\n"), "\(bad.stderr)")
        #expect(try box.run(["diff", valid]).status == 1)
        #expect(try box.run(["apply", valid]).status == 0)
        #expect(try box.run(["diff", valid]).status == 0)
    }

    @Test("render and probe of an invalid spec: 1, and no 'nothing was written' (they write nothing anyway); apply says it")
    func invalidSpecMessages() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let invalid = try box.write(Self.invalid, to: "invalid.yaml")
        let render = try box.run(["render", invalid])
        #expect(render.status == 1)
        #expect(render.stderr.hasSuffix("error: \(invalid) is not valid\n"), "\(render.stderr)")
        let apply = try box.run(["apply", invalid])
        #expect(apply.status == 1)
        #expect(apply.stderr.hasSuffix("error: \(invalid) is not valid; nothing was written\n"), "\(apply.stderr)")
    }

    @Test("rollback with no earlier version is 2, naming why")
    func rollbackWithoutHistory() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run(["rollback"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("only 0 previous versions"), "\(r.stderr)")
    }
}
