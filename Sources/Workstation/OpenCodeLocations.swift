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
