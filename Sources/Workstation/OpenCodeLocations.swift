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

/// Where OpenCode itself reads its config and keys, and where a desktop app keeps the OpenCode
/// it bundles: what `explain` reads to see what OpenCode sees. OpenCode takes its folders from
/// xdg-basedir on every platform (`XDG_CONFIG_HOME`, `XDG_DATA_HOME`, else `~/.config` and
/// `~/.local/share`), macOS and Windows included.
extension Locations {
    /// OpenCode's global config folder: `$XDG_CONFIG_HOME/opencode`, default `~/.config/opencode`.
    public func opencodeGlobalFolder() throws(LocationError) -> String {
        try opencodeConfigFolder(for: .opencodeFiles)
    }

    /// OpenCode's credential store: `$XDG_DATA_HOME/opencode/auth.json`, default
    /// `~/.local/share/opencode/auth.json` (`%USERPROFILE%\.local\share\...` on Windows).
    public func opencodeAuthFile() throws(LocationError) -> String {
        if let data = environment.absolutePath(.xdgDataHome, on: platform) { return join(data, "opencode", "auth.json") }
        return join(try home(for: .opencodeFiles), ".local", "share", "opencode", "auth.json")
    }

    /// The home folder where OpenCode looks for `~/.opencode`: `OPENCODE_TEST_HOME` when set.
    public func opencodeHome() throws(LocationError) -> String {
        if let home = environment.absolutePath(.opencodeTestHome, on: platform) { return home }
        return try home(for: .opencodeFiles)
    }

    /// The managed folder every user's OpenCode reads last: `/etc/opencode`,
    /// `/Library/Application Support/opencode`, `%ProgramData%\opencode` (default
    /// `C:\ProgramData`); `OPENCODE_TEST_MANAGED_CONFIG_DIR` replaces it, as in OpenCode.
    public func opencodeManagedFolder() -> String {
        if let folder = environment.absolutePath(.opencodeManagedConfigDir, on: platform) { return folder }
        switch platform {
        case .linux: return "/etc/opencode"
        case .macos: return "/Library/Application Support/opencode"
        case .windows: return join(environment[.programData] ?? "C:\\ProgramData", "opencode")
        }
    }

    /// macOS: the MDM preference files of the `ai.opencode.managed` domain, the user's first;
    /// none elsewhere.
    public func opencodeManagedPreferences(user: String?) -> [String] {
        guard platform == .macos else { return [] }
        let name = "ai.opencode.managed.plist"
        return (user.map { ["/Library/Managed Preferences/\($0)/\(name)"] } ?? []) + ["/Library/Managed Preferences/\(name)"]
    }

    /// A desktop app's userData folder (`Openwork`, `Accomplish`): Application Support,
    /// %APPDATA% or the XDG config home.
    public func appUserDataFolder(_ app: String) throws(LocationError) -> String {
        try appFolder(app, for: .target(app.lowercased()))
    }

    /// Where the app's `resources` folder may be, likeliest first: `PROVIDER_SYNC_APP_RESOURCES`
    /// alone when set; else `/opt/<App>/resources` (the .deb), `/Applications/<App>.app/Contents/
    /// Resources` (and `~/Applications`), `%LOCALAPPDATA%\Programs\<App>\resources` (a per-user
    /// install) and `%ProgramFiles%\<App>\resources`. An AppImage has it only while it runs.
    public func appResourceFolders(_ app: String) -> [String] {
        if let folder = environment.absolutePath(.appResources, on: platform) { return [folder] }
        switch platform {
        case .linux:
            return ["/opt/\(app)/resources"]
        case .macos:
            let bundle = "\(app).app/Contents/Resources"
            return ["/Applications/\(bundle)"] + ((try? home(for: .opencodeFiles)).map { [join($0, "Applications", bundle)] } ?? [])
        case .windows:
            return [environment.absolutePath(.localAppData, on: platform).map { join($0, "Programs", app, "resources") },
                    environment.absolutePath(.programFiles, on: platform).map { join($0, app, "resources") }].compactMap { $0 }
        }
    }

    /// The temporary folder on this platform (Node's `os.tmpdir()`, an Electron app's `temp`):
    /// `TMPDIR`, else `/tmp`; on Windows `TEMP`, else `%LOCALAPPDATA%\Temp`.
    public func temporaryFolder() -> String {
        guard platform == .windows else { return environment.temporaryFolder }
        return environment.absolutePath(.temp, on: platform) ?? join(environment[.localAppData] ?? "C:\\Windows", "Temp")
    }
}

/// The files the targets write (anomalyco/opencode v1.15.12: `packages/core/src/global.ts`,
/// `config/managed.ts`; accomplish-ai/accomplish 97c622a: `apps/desktop/src/main/index.ts`,
/// `packages/agent-core/src/opencode/config-generator.ts`). The README's section "Where OpenCode
/// and the app read providers" cites each.
extension Locations {
    /// `<userData>/opencode`: the app starts OpenCode with `OPENCODE_CONFIG_DIR` set to it.
    public func appOpenCodeFolder(_ app: OpenCodeApp) throws(LocationError) -> String {
        join(try appUserDataFolder(app.folderName), "opencode")
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

    /// The global folder's files in the order OpenCode merges them (the last wins).
    public func opencodeGlobalFiles() throws(LocationError) -> [String] {
        let folder = try opencodeGlobalFolder()
        return [OpenCodeFileNames.legacy, OpenCodeFileNames.json, OpenCodeFileNames.jsonc].map { join(folder, $0) }
    }

    /// The managed folder's files in the order OpenCode merges them (the last wins), for the
    /// `managed` target to write: a relative `OPENCODE_TEST_MANAGED_CONFIG_DIR` is an error
    /// here, not the system's folder (which `opencodeManagedFolder` falls back to, as OpenCode).
    public func managedConfigFiles() throws(LocationError) -> [String] {
        if let value = environment[.opencodeManagedConfigDir], !PathSyntax.isAbsolute(value, on: platform) {
            throw .relativeVariable(.opencodeManagedConfigDir, value: value, for: .target(TargetName.managed.rawValue))
        }
        let folder = opencodeManagedFolder()
        return [OpenCodeFileNames.json, OpenCodeFileNames.jsonc].map { join(folder, $0) }
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

    /// OpenCode's global config folder. OpenCode takes it from `XDG_CONFIG_HOME` on every
    /// platform when that is set (and absolute), else `~/.config` (%USERPROFILE% on Windows).
    func opencodeConfigFolder(for place: Place) throws(LocationError) -> String {
        join(try xdgConfigHome(for: place), "opencode")
    }
}
