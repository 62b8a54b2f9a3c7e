import Foundation
import OpenCodeLayers
import TestSupport
import Workstation

/// A throw-away workstation: a temporary folder with a HOME, a work folder, and files written
/// as a test needs them; the situations OpenCode would be started in there.
final class Workbench {
    let folder: TemporaryFolder
    var environment: [String: String]

    init() throws {
        folder = try TemporaryFolder(prefix: "opencode-layers")
        environment = ["HOME": folder("home"), "PATH": "/nonexistent"]
        // Nothing of this machine's: the managed folder is ours too.
        environment["OPENCODE_TEST_MANAGED_CONFIG_DIR"] = folder("managed")
        try FileManager.default.createDirectory(atPath: folder("home"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder("work"), withIntermediateDirectories: true)
    }

    deinit { folder.remove() }

    var home: String { folder("home") }
    var work: String { folder("work") }
    var global: String { home + "/.config/opencode" }
    var appFolder: String { home + "/.config/Accomplish/opencode" }

    /// Writes `text` at `path` (absolute, or inside the temporary folder).
    @discardableResult
    func write(_ path: String, _ text: String) throws -> String {
        let full = path.hasPrefix("/") ? path : folder(path)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }

    func mkdir(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path.hasPrefix("/") ? path : folder(path), withIntermediateDirectories: true)
    }

    var locations: Locations {
        Locations(platform: .linux, environment: Environment(environment), currentDirectory: work)
    }

    /// A provider as provider-sync renders one.
    static func provider(_ url: String, key: String? = nil, models: [String] = ["m"]) -> String {
        let options = "\"baseURL\": \"\(url)\"" + (key.map { ", \"apiKey\": \"\($0)\"" } ?? "")
        let modelText = models.map { "\"\($0)\": {}" }.joined(separator: ", ")
        return "{\"npm\": \"@ai-sdk/openai-compatible\", \"name\": \"x\", \"options\": {\(options)}, \"models\": {\(modelText)}}"
    }

    /// A config file defining `providers` (id -> provider text) and the other top-level `extra`.
    static func config(_ providers: [String: String] = [:], _ extra: String = "") -> String {
        let inner = providers.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        return "{\"provider\": {\(inner)}\(extra.isEmpty ? "" : ", " + extra)}"
    }

    /// OpenCode as a terminal starts it, in `cwd` (default the work folder).
    func cli(_ ids: [String], own: [String], cwd: String? = nil, version: OpenCodeVersion? = OpenCodeVersion(1, 15, 12)) throws -> Explanation {
        let situation = try Situation.cli(on: locations, workingDirectory: cwd)
        return try Explanation.explain(providerIDs: ids, ownFiles: own, situation: situation, version: finding(version))
    }

    /// OpenCode as the Accomplish app starts it.
    func app(_ ids: [String], own: [String]? = nil, version: OpenCodeVersion?) throws -> Explanation {
        let situation = try Situation.app("Accomplish", on: locations, workingDirectory: work)
        return try Explanation.explain(providerIDs: ids, ownFiles: own ?? [appFolder + "/opencode.json"], situation: situation,
                                       version: finding(version))
    }

    func finding(_ version: OpenCodeVersion?) -> VersionFinding {
        version.map(VersionFinding.option) ?? VersionFinding(version: nil, source: .unknown, from: "test")
    }
}

extension Explanation {
    /// The one outcome's verdict of `id` (the test expects one outcome).
    func verdict(_ id: String) -> ProviderVerdict? { providers.first { $0.id == id } }

    /// The paths of the first outcome's layers, in order.
    var order: [String] { outcomes[0].layers.map(\.source.name) }
}
