import FoundationEssentials

/// The operating systems whose state folder conventions we know.
///
/// Named `StatePlatform`, not `Platform`, so it never clashes with OpenCodeConfig's enum;
/// the raw values ("linux", "macos", "windows") let a caller go from a string.
public enum StatePlatform: String, Sendable, CaseIterable {
    case linux, macos, windows

    /// The platform this binary was built for (other Unixes follow the XDG convention).
    public static var current: StatePlatform {
        #if os(macOS)
        .macos
        #elseif os(Windows)
        .windows
        #else
        .linux
        #endif
    }
}

public enum StateLocationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A variable the platform's convention needs is unset or empty.
    case missingVariable(String, platform: StatePlatform)
    /// HOME must be absolute, or the state would land wherever the command happened to run.
    case relativeVariable(String, value: String)

    public var description: String {
        switch self {
        case .missingVariable(let name, let platform):
            "cannot find the provider-sync state folder: the environment variable \(name) is not set (needed on \(platform.rawValue))"
        case .relativeVariable(let name, let value):
            "cannot find the provider-sync state folder: \(name) is \"\(value)\", which is not an absolute path"
        }
    }
}

/// Where provider-sync keeps its own files: the write lock, history of written files, and
/// per-target state. Never inside the config folders it writes, so it cannot disturb them.
///
/// - Linux: `$XDG_STATE_HOME/provider-sync`, default `~/.local/state/provider-sync`
/// - macOS: `~/Library/Application Support/provider-sync`
/// - Windows: `%LOCALAPPDATA%\provider-sync`
public struct StateLocation: Sendable, Equatable {
    public static let folderName = "provider-sync"

    public let directory: String
    public let platform: StatePlatform

    /// A location given outright (tests, or an explicit `--state-dir`).
    public init(directory: String, platform: StatePlatform = .current) {
        self.directory = directory
        self.platform = platform
    }

    /// The conventional location, computed from `environment` (HOME, XDG_STATE_HOME, LOCALAPPDATA).
    public init(platform: StatePlatform, environment: [String: String]) throws {
        func value(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw StateLocationError.missingVariable(name, platform: platform)
            }
            return value
        }
        func absoluteHome() throws -> String {
            let home = try value("HOME")
            guard home.hasPrefix("/") else { throw StateLocationError.relativeVariable("HOME", value: home) }
            return home
        }
        let base: [String]
        switch platform {
        case .linux:
            // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
            if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
                base = [xdg]
            } else {
                base = [try absoluteHome(), ".local", "state"]
            }
        case .macos:
            base = [try absoluteHome(), "Library", "Application Support"]
        case .windows:
            base = [try value("LOCALAPPDATA")]
        }
        self.init(directory: Self.join(base + [Self.folderName], platform: platform), platform: platform)
    }

    /// The location for this process, from its own environment.
    public static func current() throws -> StateLocation {
        try StateLocation(platform: .current, environment: ProcessInfo.processInfo.environment)
    }

    /// `<state>/lock`: the one lock every writing command takes.
    public var lockPath: String { appending("lock") }
    /// `<state>/history`: previous versions of written files, one folder per target.
    public var historyDirectory: String { appending("history") }
    /// `<state>/targets`: one JSON state file per target.
    public var targetsDirectory: String { appending("targets") }

    /// `directory` joined with `components` using the platform's separator.
    public func appending(_ components: String...) -> String {
        Self.join([directory] + components, platform: platform)
    }

    private static func join(_ parts: [String], platform: StatePlatform) -> String {
        let separator: Character = platform == .windows ? "\\" : "/"
        var result = ""
        for part in parts {
            if result.isEmpty { result = part; continue }
            while result.count > 1, result.last == separator { result.removeLast() }
            result += result.last == separator ? part : String(separator) + part
        }
        return result
    }
}
