/// The names of OpenCode's config files in a folder.
public enum OpenCodeFileNames {
    /// The global folder's legacy name, loaded first there.
    public static let legacy = "config.json"
    public static let json = "opencode.json"
    /// Loaded after `opencode.json` in the same folder, so it wins (OpenCode 1.3.16 and later
    /// in `OPENCODE_CONFIG_DIR`; always in the global, project and managed folders).
    public static let jsonc = "opencode.jsonc"
    public static let auth = "auth.json"
}

/// Where OpenCode and the desktop app keep their files, for each platform (anomalyco/opencode
/// v1.15.12: `packages/core/src/global.ts`, `config/managed.ts`, `auth/index.ts`;
/// accomplish-ai/accomplish 97c622a: `apps/desktop/src/main/index.ts`,
/// `packages/agent-core/src/opencode/config-generator.ts`). The README's section "Where OpenCode
/// and the app read providers" cites each.
extension Locations {
    /// The app's Electron userData folder: `~/Library/Application Support/<App>`,
    /// `%APPDATA%\<App>`, `$XDG_CONFIG_HOME/<App>` (default `~/.config`).
    public func appUserDataFolder(_ app: OpenCodeApp) throws(LocationError) -> String {
        try appFolder(app.folderName, for: .target(app.rawValue))
    }

    /// `<userData>/opencode`: the app starts OpenCode with `OPENCODE_CONFIG_DIR` set to it.
    public func appOpenCodeFolder(_ app: OpenCodeApp) throws(LocationError) -> String {
        join(try appUserDataFolder(app), "opencode")
    }

    /// The app's own `<userData>/opencode/opencode.json`: its generated config (`OPENCODE_CONFIG`)
    /// up to the per-task files of April 2026, a file it only patches after them.
    public func appConfigFile(_ app: OpenCodeApp) throws(LocationError) -> String {
        join(try appOpenCodeFolder(app), OpenCodeFileNames.json)
    }

    /// `<userData>/opencode/opencode.jsonc`: provider-sync's own file next to the app's, which
    /// the app never writes.
    public func appSidecarFile(_ app: OpenCodeApp) throws(LocationError) -> String {
        join(try appOpenCodeFolder(app), OpenCodeFileNames.jsonc)
    }

    /// OpenCode's global config folder: `$XDG_CONFIG_HOME/opencode` when that is set (and
    /// absolute) on every platform, else `~/.config/opencode` (%USERPROFILE% on Windows).
    public func opencodeConfigFolder() throws(LocationError) -> String {
        try opencodeConfigFolder(for: .target(TargetName.opencode.rawValue))
    }

    /// The global folder's files in the order OpenCode merges them (the last wins).
    public func opencodeGlobalFiles() throws(LocationError) -> [String] {
        let folder = try opencodeConfigFolder()
        return [OpenCodeFileNames.legacy, OpenCodeFileNames.json, OpenCodeFileNames.jsonc].map { join(folder, $0) }
    }

    /// OpenCode's managed folder, loaded after every user's files: `/etc/opencode` (Linux and
    /// other Unixes), `/Library/Application Support/opencode` (macOS), `%ProgramData%\opencode`
    /// (Windows; `C:\ProgramData` when unset, as OpenCode does). `PROVIDER_SYNC_MANAGED_DIR`
    /// (absolute) replaces it, for tests and packagers.
    public func managedConfigFolder() throws(LocationError) -> String {
        let place = Place.managedFolder
        if environment[.managedFolder] != nil { return try environment.folder(.managedFolder, on: platform, for: place) }
        switch platform {
        case .linux: return "/etc/opencode"
        case .macos: return "/Library/Application Support/opencode"
        case .windows:
            let base = environment.absolutePath(.programData, on: platform) ?? "C:\\ProgramData"
            return join(base, "opencode")
        }
    }

    /// The managed folder's files in the order OpenCode merges them (the last wins).
    public func managedConfigFiles() throws(LocationError) -> [String] {
        let folder = try managedConfigFolder()
        return [OpenCodeFileNames.json, OpenCodeFileNames.jsonc].map { join(folder, $0) }
    }

    /// OpenCode's data folder: `$XDG_DATA_HOME/opencode`, default `~/.local/share/opencode`, on
    /// every platform (OpenCode uses xdg-basedir, which has no platform branch).
    public func opencodeDataFolder() throws(LocationError) -> String {
        if let dataHome = environment.absolutePath(.xdgDataHome, on: platform) { return join(dataHome, "opencode") }
        return join(try home(for: .opencodeData), ".local", "share", "opencode")
    }

    /// OpenCode's credential store, `<data>/auth.json`: the `auth` secrets mode writes keys here.
    public func opencodeAuthFile() throws(LocationError) -> String {
        join(try opencodeDataFolder(), OpenCodeFileNames.auth)
    }
}

extension Locations {
    /// An Electron app's userData folder: Application Support, %APPDATA% or the XDG config home.
    func appFolder(_ app: String, for place: Place) throws(LocationError) -> String {
        switch platform {
        case .macos: join(try home(for: place), "Library", "Application Support", app)
        case .windows: join(try environment.folder(.appData, on: platform, for: place), app)
        case .linux: join(try xdgConfigHome(for: place), app)
        }
    }

    func opencodeConfigFolder(for place: Place) throws(LocationError) -> String {
        join(try xdgConfigHome(for: place), "opencode")
    }
}
