import FoundationEssentials

/// Why the path of a target could not be worked out.
public enum ConfigPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An environment variable the platform's convention needs is unset or empty.
    case missingVariable(String, target: String)
    /// A path target that is empty.
    case emptyPath

    public var description: String {
        switch self {
        case .missingVariable(let name, let target):
            "cannot find the \(target) config: the environment variable \(name) is not set; "
                + "set it, or pass the file's path as the target"
        case .emptyPath:
            "the target path is empty; pass openwork, accomplish, opencode or a file path"
        }
    }
}

/// The absolute path of the opencode.json a target names on a platform, from the environment
/// only (HOME, XDG_CONFIG_HOME, APPDATA, USERPROFILE), so that it is testable for every
/// platform anywhere.
///
/// The `opencode` target follows OpenCode itself, which takes its global config folder from
/// `XDG_CONFIG_HOME` on every platform when that is set (and absolute), else `~/.config`.
public func path(for target: Target, platform: Platform, environment: [String: String],
                 currentDirectory: String? = nil) throws(ConfigPathError) -> String {
    let env = Environment(values: environment, target: target.description)
    switch target {
    case .openwork:
        return try appPath(app: "Openwork", platform: platform, env: env)
    case .accomplish:
        return try appPath(app: "Accomplish", platform: platform, env: env)
    case .opencode:
        switch platform {
        case .macos, .linux:
            return join([try env.xdgConfigHome(platform: platform), "opencode", "opencode.json"], platform)
        case .windows:
            if let xdg = try env.absolute("XDG_CONFIG_HOME", platform: platform) {
                return join([xdg, "opencode", "opencode.json"], platform)
            }
            return join([try env.require("USERPROFILE"), ".config", "opencode", "opencode.json"], platform)
        }
    case .path(let text):
        return try filePath(text, platform: platform, env: env, currentDirectory: currentDirectory)
    }
}

/// An Electron app's userData folder: Application Support, %APPDATA% or the XDG config home.
private func appPath(app: String, platform: Platform, env: Environment) throws(ConfigPathError) -> String {
    switch platform {
    case .macos:
        join([try env.require("HOME"), "Library", "Application Support", app, "opencode", "opencode.json"], platform)
    case .windows:
        join([try env.require("APPDATA"), app, "opencode", "opencode.json"], platform)
    case .linux:
        join([try env.xdgConfigHome(platform: platform), app, "opencode", "opencode.json"], platform)
    }
}

/// A path target: `~` is the home folder, a relative path is taken from the current directory.
private func filePath(_ text: String, platform: Platform, env: Environment, currentDirectory: String?) throws(ConfigPathError) -> String {
    guard !text.isEmpty else { throw .emptyPath }
    let homeVariable = platform == .windows ? "USERPROFILE" : "HOME"
    if text == "~" { return try env.require(homeVariable) }
    if text.hasPrefix("~/") || (platform == .windows && text.hasPrefix("~\\")) {
        return join([try env.require(homeVariable), String(text.dropFirst(2))], platform)
    }
    if isAbsolute(text, platform) { return text }
    let base = currentDirectory ?? FileManager.default.currentDirectoryPath
    var relative = Substring(text)
    while relative.hasPrefix("./") || (platform == .windows && relative.hasPrefix(".\\")) {
        relative = relative.dropFirst(2)
    }
    return join([base, String(relative)], platform)
}

private func isAbsolute(_ path: String, _ platform: Platform) -> Bool {
    if path.hasPrefix("/") { return true }
    guard platform == .windows else { return false }
    if path.hasPrefix("\\") { return true }  // \\server\share or \rooted
    let chars = Array(path.prefix(3))
    return chars.count == 3 && chars[0].isLetter && chars[1] == ":" && (chars[2] == "\\" || chars[2] == "/")
}

/// Joins parts with the platform's separator, without doubling one a part already ends with.
private func join(_ parts: [String], _ platform: Platform) -> String {
    let sep = platform.separator
    var out = ""
    for part in parts where !part.isEmpty {
        if out.isEmpty {
            out = part
        } else {
            if out.last != sep && !(platform == .windows && out.last == "/") { out.append(sep) }
            out += part.dropFirstWhile { $0 == sep }
        }
    }
    return out
}

private struct Environment {
    var values: [String: String]
    var target: String

    func require(_ name: String) throws(ConfigPathError) -> String {
        guard let value = values[name], !value.isEmpty else { throw .missingVariable(name, target: target) }
        return value
    }

    /// A variable's value when it is an absolute path; relative values are ignored, as the XDG
    /// Base Directory spec says.
    func absolute(_ name: String, platform: Platform) throws(ConfigPathError) -> String? {
        guard let value = values[name], isAbsolute(value, platform) else { return nil }
        return String(value.dropLastWhile { $0 == "/" || (platform == .windows && $0 == "\\") }).nonEmpty ?? "/"
    }

    /// `$XDG_CONFIG_HOME`, or `$HOME/.config` when it is unset or not absolute.
    func xdgConfigHome(platform: Platform) throws(ConfigPathError) -> String {
        if let xdg = try absolute("XDG_CONFIG_HOME", platform: platform) { return xdg }
        return join([try require("HOME"), ".config"], platform)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
