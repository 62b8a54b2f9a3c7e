import JSONCore
import Sync

public enum ServiceUnitError: Error, Sendable, CustomStringConvertible {
    case unsupported(StatePlatform)
    case missingVariable(String)

    public var description: String {
        switch self {
        case .unsupported(let platform):
            "agent install knows systemd (linux) and launchd (macos), not \(platform.rawValue); run `provider-sync agent run` from the system's own scheduler"
        case .missingVariable(let name):
            "cannot place the service file: the environment variable \(name) is not set"
        }
    }
}

/// For whom the service runs: this user, or every user who logs in.
public enum ServiceScope: Sendable, Equatable {
    case user
    /// `/etc/systemd/user` or `/Library/LaunchAgents` under `root` ("/" on a real install;
    /// a folder for tests and packagers).
    case global(root: String)
}

/// The user service that keeps `agent run` going: a systemd user unit on Linux, a launchd
/// agent on macOS. The file starts the binary by the path given, which the caller keeps
/// unresolved so that it survives an upgrade.
public struct ServiceUnit: Sendable, Equatable {
    public static let systemdName = "provider-sync-agent.service"
    public static let launchdLabel = "dev.provider-sync.agent"
    /// Marks files this tool wrote, so `uninstall` never removes someone else's.
    public static let marker = "Written by provider-sync agent install"

    public var platform: StatePlatform
    public var scope: ServiceScope
    /// Where the file goes.
    public var path: String
    public var text: String
    /// What starts it: for the user's own service the user runs it (we never call systemctl
    /// or launchctl for them); for a global one it says how a logged-in user starts it now.
    public var enableCommand: String
    /// What the user runs to stop it before or after `uninstall`.
    public var disableCommand: String

    /// - Parameters:
    ///   - binary: the absolute path of provider-sync, as invoked or found on PATH.
    ///   - configFile: passed as --config when it is not the default location.
    ///   - writablePaths: with `ProtectSystem=strict`, the only paths the agent may write (the
    ///     opt-in that needs user namespaces); nil leaves it out.
    public static func make(platform: StatePlatform, binary: String, configFile: String?, environment: [String: String],
                            scope: ServiceScope = .user, writablePaths: [UnitPath]? = nil) throws(ServiceUnitError) -> ServiceUnit {
        let arguments = [binary, "agent", "run"] + (configFile.map { ["--config", $0] } ?? [])
        switch platform {
        case .linux:
            let text = SystemdUnitText.make(arguments: arguments, environment: scope == .user ? environment : [:],
                                            writablePaths: writablePaths, scope: scope)
            switch scope {
            case .user:
                guard let home = environment["HOME"], !home.isEmpty else { throw .missingVariable("HOME") }
                let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
                return ServiceUnit(platform: .linux, scope: scope, path: "\(configHome)/systemd/user/\(systemdName)", text: text,
                                   enableCommand: "systemctl --user daemon-reload && systemctl --user enable --now \(systemdName)",
                                   disableCommand: "systemctl --user disable --now \(systemdName)")
            case .global(let root):
                return ServiceUnit(platform: .linux, scope: scope, path: under(root, "/etc/systemd/user/\(systemdName)"), text: text,
                                   enableCommand: "systemctl --user daemon-reload && systemctl --user start \(systemdName)",
                                   disableCommand: "systemctl --user stop \(systemdName)")
            }
        case .macos:
            switch scope {
            case .user:
                guard let home = environment["HOME"], !home.isEmpty else { throw .missingVariable("HOME") }
                let path = "\(home)/Library/LaunchAgents/\(launchdLabel).plist"
                return ServiceUnit(platform: .macos, scope: scope, path: path,
                                   text: LaunchdPlistText.make(arguments: arguments, logFile: "\(home)/Library/Logs/provider-sync-agent.log", scope: scope),
                                   enableCommand: "launchctl bootstrap gui/$(id -u) \(shellQuoted(path))",
                                   disableCommand: "launchctl bootout gui/$(id -u)/\(launchdLabel)")
            case .global(let root):
                let installed = "/Library/LaunchAgents/\(launchdLabel).plist"
                return ServiceUnit(platform: .macos, scope: scope, path: under(root, installed),
                                   text: LaunchdPlistText.make(arguments: arguments, logFile: nil, scope: scope),
                                   enableCommand: "launchctl bootstrap gui/$(id -u) \(installed)",
                                   disableCommand: "launchctl bootout gui/$(id -u)/\(launchdLabel)")
            }
        case .windows:
            throw .unsupported(.windows)
        }
    }

    /// What removes the file, for its first comment.
    static func uninstallCommand(_ scope: ServiceScope) -> String {
        scope == .user ? "provider-sync agent uninstall" : "provider-sync agent uninstall --global"
    }

    /// `path` (absolute) inside `root`.
    static func under(_ root: String, _ path: String) -> String {
        let trimmed = root.hasSuffix("/") ? String(root.dropLast()) : root
        return trimmed + path
    }

    static func shellQuoted(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+:@".unicodeScalars.contains($0) } ? text
            : "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}
