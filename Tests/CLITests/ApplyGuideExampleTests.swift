import Foundation
import JSONCore
import TestSupport
import Testing

/// `apply` of the Openwork guide examples through the real binary, in a temporary HOME.
@Suite("apply: guide examples, targets, platforms")
struct ApplyGuideExampleTests {
    /// The guide examples that need no keychain, with the opencode.json each must become.
    static let examples: [(name: String, expected: String)] = [
        ("vllm-local", GuideGolden.vllmLocal), ("tgi", GuideGolden.tgi), ("localai", GuideGolden.localAI),
    ]

    static func example(_ name: String) -> String { CLI.repository + "/examples/\(name).yaml" }

    @Test("apply writes the guide example into the app's folder: the sidecar opencode.jsonc (0600, folders 0700) holds the document and every id the app can enable",
          arguments: ApplyGuideExampleTests.examples.map(\.name))
    func guideExample(_ name: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let expected = try #require(Self.examples.first { $0.name == name }).expected

        let r = try box.run(["apply", Self.example(name)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("accomplish (~/.config/Accomplish/opencode/opencode.jsonc): created the file, added provider "))
        #expect(r.stdout.split(separator: "\n").count == 1, "the app's own file is not made: \(r.stdout)")
        #expect(r.stderr.isEmpty)

        let file = box.sidecarPath
        #expect(FileFacts(file)?.mode == 0o600)
        for folder in [".config", ".config/Accomplish", ".config/Accomplish/opencode"] {
            #expect(FileFacts(box.home + "/" + folder)?.mode == 0o700, "\(folder)")
        }
        #expect(FileFacts(box.stateFolder)?.mode == 0o700)
        let text = try #require(fileText(file))
        let (document, enabled) = try sidecarParts(text)
        #expect(document == (try parsed(expected, options: .json)))
        #expect(enabled.contains(name) && enabled.contains("custom") && enabled.contains("anthropic"), "\(enabled)")
        #expect(enabled == enabled.sorted())
        if name == "vllm-local" {
            // Byte for byte up to the list, trailing line break included.
            #expect(text.hasPrefix(String(expected.dropLast(3)) + ",\n  \"enabled_providers\": [\n"), "\(text)")
            #expect(text.hasSuffix("  ]\n}\n"))
        }
        // Nothing else appeared next to it (no temporary file, no backup, no opencode.json of the app's).
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.home + "/.config/Accomplish/opencode") == ["opencode.jsonc"])
    }

    @Test("a second apply is 'up to date', exits 0 and does not touch the file or its state")
    func secondApplyIsUpToDate() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let spec = Self.example("tgi")
        #expect(try box.run(["apply", spec]).status == 0)
        let stateFiles = try FileManager.default.contentsOfDirectory(atPath: box.stateFolder + "/targets")
        #expect(stateFiles.count == 1)
        let stateFile = box.stateFolder + "/targets/" + stateFiles[0]
        let before = try #require(FileFacts(box.sidecarPath))
        let stateBefore = try #require(FileFacts(stateFile))
        let bytesBefore = fileBytes(box.sidecarPath)
        usleep(20_000)  // a rewrite would now get another mtime even on a coarse clock

        let r = try box.run(["apply", spec])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "accomplish (~/.config/Accomplish/opencode/opencode.jsonc): up to date\n")
        let after = try #require(FileFacts(box.sidecarPath))
        #expect(after == before, "the file was rewritten: \(before) -> \(after)")
        #expect(after.inode == before.inode)
        #expect(FileFacts(stateFile) == stateBefore)
        #expect(fileBytes(box.sidecarPath) == bytesBefore)
        // A file that never changed has no previous version to keep.
        #expect(snapshot(box.stateFolder + "/history").isEmpty)
    }

    @Test("--target opencode writes OpenCode's global config, and only that")
    func opencodeTarget() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run(["apply", Self.example("localai"), "--target", "opencode"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("opencode (~/.config/opencode/opencode.json): created the file"))
        #expect(fileText(box.opencodePath) == GuideGolden.localAI)
        #expect(FileFacts(box.opencodePath)?.mode == 0o600)
        #expect(FileFacts(box.home + "/.config/opencode")?.mode == 0o700)
        #expect(FileFacts(box.sidecarPath) == nil)
        #expect(FileFacts(box.home + "/.config/Accomplish") == nil)
    }

    @Test("--target <path>: a relative path from the working folder, and an absolute one")
    func pathTargets() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let relative = try box.run(["apply", Self.example("tgi"), "--target", "project/opencode.json"])
        #expect(relative.status == 0, "\(relative.stderr)")
        let written = box.work + "/project/opencode.json"
        #expect(fileText(written) == GuideGolden.tgi)
        #expect(FileFacts(written)?.mode == 0o600)
        #expect(FileFacts(box.work + "/project")?.mode == 0o700)  // created by the tool

        let absolute = box.root + "/elsewhere/deep/opencode.json"
        let r = try box.run(["apply", Self.example("tgi"), "--target", absolute])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("\(absolute) (\(absolute)): created the file"))
        #expect(fileText(absolute) == GuideGolden.tgi)
        #expect(FileFacts(box.sidecarPath) == nil)
    }

    @Test("several --target at once: every file written, one line each; two names for one file write it once")
    func severalTargets() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let file = box.work + "/opencode.json"
        let r = try box.run(["apply", Self.example("vllm-local"), "--target", "openwork", "--target", "opencode",
                             "--target", file, "--target", box.opencodePath])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(r.stdout)")
        #expect(lines.allSatisfy { $0.contains("created the file") })
        for path in [box.opencodePath, file] {
            #expect(fileText(path) == GuideGolden.vllmLocal, "\(path)")
            #expect(FileFacts(path)?.mode == 0o600, "\(path)")
        }
        #expect(try sidecarParts(try #require(fileText(box.openworkSidecarPath))).document == (try parsed(GuideGolden.vllmLocal)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.stateFolder + "/targets").count == 3)

        let again = try box.run(["apply", Self.example("vllm-local"), "--target", "openwork", "--target", "opencode",
                                 "--target", file])
        #expect(again.status == 0)
        #expect(again.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(": up to date") })
    }

    @Test("XDG_CONFIG_HOME and XDG_STATE_HOME, when set, decide where the file and the state go")
    func xdgFolders() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let config = box.root + "/xdg-config", state = box.root + "/xdg-state"
        let r = try box.run(["apply", Self.example("tgi")], extra: ["XDG_CONFIG_HOME": config, "XDG_STATE_HOME": state])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try sidecarParts(try #require(fileText(config + "/Accomplish/opencode/opencode.jsonc"))).document == (try parsed(GuideGolden.tgi)))
        #expect(FileFacts(state + "/provider-sync/targets")?.isFolder == true)
        #expect(FileFacts(box.home + "/.config") == nil)
        #expect(FileFacts(box.home + "/.local") == nil)
    }

    @Test("--platform macos writes under ~/Library/Application Support")
    func macosPaths() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run(["apply", Self.example("tgi"), "--platform", "macos"])
        #expect(r.status == 0, "\(r.stderr)")
        let file = box.home + "/Library/Application Support/Accomplish/opencode/opencode.jsonc"
        #expect(r.stdout.hasPrefix("accomplish (~/Library/Application Support/Accomplish/opencode/opencode.jsonc): created the file"))
        #expect(try sidecarParts(try #require(fileText(file))).document == (try parsed(GuideGolden.tgi)))
        #expect(FileFacts(file)?.mode == 0o600)
        #expect(FileFacts(box.home + "/Library/Application Support/provider-sync/targets")?.isFolder == true)
        #expect(FileFacts(box.home + "/.config") == nil)
        #expect(FileFacts(box.home + "/.local") == nil)

        let status = try box.run(["status", "--platform", "macos"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("owned providers: tgi"))
    }

    @Test("a keychain secret that is missing: apply fails and writes nothing")
    func missingKeychainSecret() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.run(["apply", Self.example("company-gateway")])
        #expect(r.status != 0)
        #expect(!r.stderr.isEmpty)
        #expect(FileFacts(box.sidecarPath) == nil)
        #expect(FileFacts(box.home + "/.config") == nil)
    }
}
