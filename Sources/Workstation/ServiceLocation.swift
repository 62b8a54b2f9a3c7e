/// Where the agent's user service is: a systemd user unit on Linux, a launchd agent on macOS.
public struct ServiceLocation: Sendable, Equatable {
    public static let systemdUnitName = "provider-sync-agent.service"
    public static let launchdLabel = "dev.provider-sync.agent"

    /// The unit or plist file.
    public var file: String
    /// systemd: the link `systemctl --user enable` makes, which uninstall removes too.
    public var enablementLink: String?
    /// launchd: where the agent's standard error goes (systemd sends it to the journal).
    public var logFile: String?

    /// The service for every user who logs in: `/etc/systemd/user` (Linux) or
    /// `/Library/LaunchAgents` (macOS) under `root` ("/" on a real install; a folder that
    /// stands for it for packagers and tests).
    public static func global(on platform: Platform, root: String) throws(LocationError) -> ServiceLocation {
        let base = PathSyntax.trimmingTrailingSeparators(root, on: platform)
        func under(_ path: String) -> String { (base == "/" ? "" : base) + path }
        switch platform {
        case .linux:
            return ServiceLocation(file: under("/etc/systemd/user/\(systemdUnitName)"),
                                   enablementLink: under("/etc/systemd/user/default.target.wants/\(systemdUnitName)"))
        case .macos:
            return ServiceLocation(file: under("/Library/LaunchAgents/\(launchdLabel).plist"))
        case .windows:
            throw .unsupported(.serviceFile, on: platform)
        }
    }
}

extension Locations {
    /// The user service's files; there is none on Windows.
    public func serviceLocation() throws(LocationError) -> ServiceLocation {
        let place = Place.serviceFile
        switch platform {
        case .linux:
            let folder = join(try xdgConfigHome(for: place), "systemd", "user")
            return ServiceLocation(file: join(folder, ServiceLocation.systemdUnitName),
                                   enablementLink: join(folder, "default.target.wants", ServiceLocation.systemdUnitName))
        case .macos:
            let home = try home(for: place)
            return ServiceLocation(file: join(home, "Library", "LaunchAgents", ServiceLocation.launchdLabel + ".plist"),
                                   logFile: join(home, "Library", "Logs", "provider-sync-agent.log"))
        case .windows:
            throw .unsupported(place, on: platform)
        }
    }
}
