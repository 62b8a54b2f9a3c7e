internal import SystemIO

/// Where things are on a workstation: worked out from a platform's conventions, an environment
/// and a working folder only, so that every platform's answer is testable anywhere. Every
/// path of the README's tables comes from here (targets in `TargetLocations`, the state
/// folder, agent.yaml, the service file), and so does `~`.
public struct Locations: Sendable, Equatable {
    public var platform: Platform
    public var environment: Environment
    /// Where a relative path is taken from.
    public var currentDirectory: String

    public init(platform: Platform = .current, environment: Environment, currentDirectory: String) {
        self.platform = platform
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// This process's: its environment and working folder, with `platform`'s conventions.
    public static func current(platform: Platform = .current) -> Locations {
        Locations(platform: platform, environment: .process(), currentDirectory: RunningProcess.currentDirectory())
    }

    /// The home folder (`HOME`, `USERPROFILE` on Windows): set and absolute.
    public func home(for place: Place) throws(LocationError) -> String {
        try environment.folder(platform.homeVariable, on: platform, for: place)
    }

    /// `~` and `~/...` (`~\...` on Windows) with the home folder; any other path unchanged.
    public func expandingHome(_ path: String) throws(LocationError) -> String {
        try expandingHome(path, for: .path(path))
    }

    /// An absolute path: `~` expanded, a relative path taken from `folder` (the working
    /// folder when nil), leading `./` dropped.
    public func absolute(_ path: String, from folder: String? = nil) throws(LocationError) -> String {
        try absolute(path, from: folder, for: .path(path))
    }

    /// `path` with the home folder shown as `~`: shorter, and safe to paste.
    public func displayed(_ path: String) -> String {
        guard let home = environment[platform.homeVariable] else { return path }
        let prefix = home + String(platform.separator)
        guard path.hasPrefix(prefix) else { return path }
        return "~" + path.dropFirst(home.count)
    }

    /// The folder `path` is in.
    public func parent(of path: String) -> String { PathSyntax.parent(of: path, on: platform) }

    /// Parts joined with the platform's separator ("/a" and "b" -> "/a/b").
    public func joining(_ parts: String...) -> String { PathSyntax.join(parts, on: platform) }

    /// True for an absolute path by the platform's rules.
    public func isAbsolute(_ path: String) -> Bool { PathSyntax.isAbsolute(path, on: platform) }

    func expandingHome(_ path: String, for place: Place) throws(LocationError) -> String {
        if path == "~" { return try home(for: place) }
        guard path.hasPrefix("~/") || (platform == .windows && path.hasPrefix("~\\")) else { return path }
        return join(try home(for: place), String(path.dropFirst(2)))
    }

    func absolute(_ path: String, from folder: String?, for place: Place) throws(LocationError) -> String {
        let expanded = try expandingHome(path, for: place)
        if PathSyntax.isAbsolute(expanded, on: platform) { return expanded }
        var relative = Substring(expanded)
        while relative.hasPrefix("./") || (platform == .windows && relative.hasPrefix(".\\")) {
            relative = relative.dropFirst(2)
        }
        return join(folder ?? currentDirectory, String(relative))
    }

    func join(_ parts: String...) -> String { PathSyntax.join(parts, on: platform) }

    /// `$XDG_CONFIG_HOME` when it is absolute, else `~/.config`.
    func xdgConfigHome(for place: Place) throws(LocationError) -> String {
        if let configHome = environment.absolutePath(.xdgConfigHome, on: platform) { return configHome }
        return join(try home(for: place), ".config")
    }
}
