/// Where provider-sync keeps its own files: the write lock, history of written files,
/// per-target state, key files and the agent's files. Never inside the config folders it
/// writes, so it cannot disturb them.
///
/// - Linux: `$XDG_STATE_HOME/provider-sync`, default `~/.local/state/provider-sync`
/// - macOS: `~/Library/Application Support/provider-sync`
/// - Windows: `%LOCALAPPDATA%\provider-sync`
public struct StateLocation: Sendable, Equatable {
    public static let folderName = "provider-sync"

    public let directory: String
    public let platform: Platform

    /// A location given outright (tests).
    public init(directory: String, platform: Platform = .current) {
        self.directory = directory
        self.platform = platform
    }

    /// `<state>/lock`: the one lock every writing command takes.
    public var lockPath: String { appending("lock") }
    /// `<state>/history`: previous versions of written files, one folder per target.
    public var historyDirectory: String { appending("history") }
    /// `<state>/targets`: one JSON state file per target.
    public var targetsDirectory: String { appending("targets") }
    /// `<state>/keys`: the key files of the `file` secrets mode.
    public var keysDirectory: String { appending("keys") }

    /// `<state>/keys/NAME`: the key file of a keychain secret.
    public func keyFile(_ name: String) -> String { appending("keys", name) }

    /// `directory` joined with `components` using the platform's separator.
    public func appending(_ components: String...) -> String {
        PathSyntax.join([directory] + components, on: platform)
    }
}

extension Locations {
    /// The conventional state folder (HOME, XDG_STATE_HOME, LOCALAPPDATA).
    public func stateLocation() throws(LocationError) -> StateLocation {
        let base: String
        switch platform {
        case .linux:
            // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
            if let stateHome = environment.absolutePath(.xdgStateHome, on: platform) {
                base = stateHome
            } else {
                base = join(try home(for: .stateFolder), ".local", "state")
            }
        case .macos:
            base = join(try home(for: .stateFolder), "Library", "Application Support")
        case .windows:
            base = try environment.folder(.localAppData, on: platform, for: .stateFolder)
        }
        return StateLocation(directory: join(base, StateLocation.folderName), platform: platform)
    }
}
