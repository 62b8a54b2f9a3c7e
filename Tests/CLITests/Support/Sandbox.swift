#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TestSupport
import JSONCore

/// A throw-away HOME for running the real binary: every file it writes lands in here.
///
/// The child's environment is built from nothing (PATH, HOME, LANG), so the user's own
/// XDG_CONFIG_HOME, XDG_STATE_HOME, APPDATA... never leak in; a test adds what it needs.
final class Sandbox: Sendable {
    /// The temporary folder; HOME is `<root>/home`, specs and loose targets go in `<root>/work`.
    let root: String

    init() throws {
        root = try TemporaryFolder(prefix: "provider-sync-apply").path
        // HOME exists (as for a real user) but none of the folders the tool creates do.
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: false)
    }

    var home: String { root + "/home" }
    var work: String { root + "/work" }

    /// The default target's file (target `app`, neither app folder there: Accomplish's sidecar)
    /// on Linux, with no XDG_CONFIG_HOME.
    var sidecarPath: String { home + "/.config/Accomplish/opencode/opencode.jsonc" }
    /// The app's own file in that folder, which the app writes (and provider-sync never creates).
    var accomplishPath: String { home + "/.config/Accomplish/opencode/opencode.json" }
    /// The Openwork app's own file on Linux, with no XDG_CONFIG_HOME.
    var openworkPath: String { home + "/.config/Openwork/opencode/opencode.json" }
    var openworkSidecarPath: String { home + "/.config/Openwork/opencode/opencode.jsonc" }
    /// OpenCode's auth.json on Linux, with no XDG_DATA_HOME.
    var authPath: String { home + "/.local/share/opencode/auth.json" }
    var opencodePath: String { home + "/.config/opencode/opencode.json" }
    /// The state folder on Linux, with no XDG_STATE_HOME.
    var stateFolder: String { home + "/.local/state/provider-sync" }

    /// PATH, HOME and LANG only: XDG_CONFIG_HOME and XDG_STATE_HOME are unset.
    var environment: [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"]
    }

    /// `provider-sync <arguments>` in `folder` (default: the work folder) with `environment`
    /// plus `extra` (a value replaces, nil removes).
    @discardableResult
    func run(_ arguments: [String], in folder: String? = nil, extra: [String: String?] = [:]) throws -> CLI.Result {
        var env = environment
        for (key, value) in extra { env[key] = value }
        return try runProcess(CLI.binary, arguments, environment: env, folder: folder ?? work)
    }

    /// Writes `text` to `relative` inside the work folder (or to an absolute path) and returns the path.
    @discardableResult
    func write(_ text: String, to relative: String, mode: mode_t = 0o644) throws -> String {
        let path = relative.hasPrefix("/") ? relative : work + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw SandboxError("could not write \(path)")
        }
        chmod(path, mode)
        return path
    }

    func remove() {
        // A test may leave a folder without permissions behind; give them back first.
        _ = try? runProcess("/bin/chmod", ["-R", "u+rwx", root], environment: environment, folder: "/")
        try? FileManager.default.removeItem(atPath: root)
    }
}

struct SandboxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
