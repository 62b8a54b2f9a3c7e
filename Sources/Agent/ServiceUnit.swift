internal import JSONCore
public import Workstation

public enum ServiceUnitError: Error, Sendable, CustomStringConvertible {
    case unsupported(Platform)
    /// Where the file goes cannot be worked out (a variable unset).
    case location(LocationError)

    public var description: String {
        switch self {
        case .unsupported(let platform):
            "agent install knows systemd (linux) and launchd (macos), not \(platform.rawValue); run `provider-sync agent run` from the system's own scheduler"
        case .location(let error):
            error.description
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
    public static let systemdName = ServiceLocation.systemdUnitName
    public static let launchdLabel = ServiceLocation.launchdLabel
    /// Marks files this tool wrote, so `uninstall` never removes someone else's.
    public static let marker = "Written by provider-sync agent install"

    public var platform: Platform
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
    public static func make(locations: Locations, binary: String, configFile: String?, scope: ServiceScope = .user,
                            writablePaths: [UnitPath]? = nil) throws(ServiceUnitError) -> ServiceUnit {
        let platform = locations.platform
        guard platform != .windows else { throw .unsupported(platform) }
        let location: ServiceLocation
        do {
            switch scope {
            case .user: location = try locations.serviceLocation()
            case .global(let root): location = try ServiceLocation.global(on: platform, root: root)
            }
        } catch {
            throw .location(error)
        }
        let arguments = [binary, "agent", "run"] + (configFile.map { ["--config", $0] } ?? [])
        switch (platform, scope) {
        case (.linux, .user):
            return ServiceUnit(platform: .linux, scope: scope, path: location.file,
                               text: SystemdUnitText.make(arguments: arguments, environment: locations.environment,
                                                          writablePaths: writablePaths, scope: scope),
                               enableCommand: "systemctl --user daemon-reload && systemctl --user enable --now \(systemdName)",
                               disableCommand: "systemctl --user disable --now \(systemdName)")
        case (.linux, .global):
            return ServiceUnit(platform: .linux, scope: scope, path: location.file,
                               text: SystemdUnitText.make(arguments: arguments, environment: Environment([:]),
                                                          writablePaths: writablePaths, scope: scope),
                               enableCommand: "systemctl --user daemon-reload && systemctl --user start \(systemdName)",
                               disableCommand: "systemctl --user stop \(systemdName)")
        case (_, .user):
            return ServiceUnit(platform: .macos, scope: scope, path: location.file,
                               text: LaunchdPlistText.make(arguments: arguments, logFile: location.logFile, scope: scope),
                               enableCommand: "launchctl bootstrap gui/$(id -u) \(shellQuoted(location.file))",
                               disableCommand: "launchctl bootout gui/$(id -u)/\(launchdLabel)")
        case (_, .global):
            let installed = (try? ServiceLocation.global(on: platform, root: "/").file) ?? location.file
            return ServiceUnit(platform: .macos, scope: scope, path: location.file,
                               text: LaunchdPlistText.make(arguments: arguments, logFile: nil, scope: scope),
                               enableCommand: "launchctl bootstrap gui/$(id -u) \(installed)",
                               disableCommand: "launchctl bootout gui/$(id -u)/\(launchdLabel)")
        }
    }

    /// What removes the file, for its first comment.
    static func uninstallCommand(_ scope: ServiceScope) -> String {
        scope == .user ? "provider-sync agent uninstall" : "provider-sync agent uninstall --global"
    }

    static func shellQuoted(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+:@".unicodeScalars.contains($0) } ? text
            : "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}
