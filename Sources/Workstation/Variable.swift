/// Every environment variable this tool reads, in one list: those that decide where files
/// are, and the tool's own settings.
public enum Variable: String, Sendable, CaseIterable, CustomStringConvertible {
    case home = "HOME"
    case xdgConfigHome = "XDG_CONFIG_HOME"
    case xdgStateHome = "XDG_STATE_HOME"
    /// OpenCode's data folder (auth.json) is `$XDG_DATA_HOME/opencode`, on every platform.
    case xdgDataHome = "XDG_DATA_HOME"
    /// Windows: the roaming application data folder (Electron's userData is under it).
    case appData = "APPDATA"
    /// Windows: the local application data folder (our state).
    case localAppData = "LOCALAPPDATA"
    /// Windows: the home folder.
    case userProfile = "USERPROFILE"
    /// Windows: the machine-wide data folder (OpenCode's managed folder is under it).
    case programData = "ProgramData"
    /// Windows: where installers put programs for every user.
    case programFiles = "ProgramFiles"
    /// The temporary folder (files handed to ssh-keygen and gpg).
    case temporaryFolder = "TMPDIR"
    /// Windows: the temporary folder (an Electron app's `temp`, where the app starts OpenCode
    /// when a task names no folder).
    case temp = "TEMP"
    /// Where programs are found (provider-sync-probe, ssh-keygen, gpg).
    case path = "PATH"
    /// systemd: "<device>:<inode>" of the stream it connected to the journal.
    case journalStream = "JOURNAL_STREAM"
    /// Any value turns colour off (no-color.org).
    case noColor = "NO_COLOR"
    /// Lowers the 1 s floor of the agent's intervals (benchmarks and tests that poll fast).
    case minimumIntervalMilliseconds = "PROVIDER_SYNC_MIN_INTERVAL_MS"
    /// The deadline of every keychain call.
    case secretTimeoutMilliseconds = "PROVIDER_SYNC_SECRET_TIMEOUT_MS"
    /// The folder that stands for / for `agent install --global` (packagers, tests).
    case installRoot = "PROVIDER_SYNC_INSTALL_ROOT"
    /// The `resources` folder of the desktop app, where `explain` reads the OpenCode version
    /// it bundles (an install in an unusual place; tests).
    case appResources = "PROVIDER_SYNC_APP_RESOURCES"

    // OpenCode's own, read to see what OpenCode sees (`explain`); never set by this tool.
    /// One more config file, after the global ones (the app sets it to its own file).
    case opencodeConfig = "OPENCODE_CONFIG"
    /// A config folder loaded after the project's (the app sets it to its own folder).
    case opencodeConfigDir = "OPENCODE_CONFIG_DIR"
    /// A whole config as JSON text.
    case opencodeConfigContent = "OPENCODE_CONFIG_CONTENT"
    /// "true" or "1": no project files and no project `.opencode` folders.
    case opencodeDisableProjectConfig = "OPENCODE_DISABLE_PROJECT_CONFIG"
    /// Replaces the managed folder (`/etc/opencode`...): OpenCode's test hook, which also points
    /// this tool's `managed` look-ups elsewhere.
    case opencodeManagedConfigDir = "OPENCODE_TEST_MANAGED_CONFIG_DIR"
    /// JSON text read instead of auth.json.
    case opencodeAuthContent = "OPENCODE_AUTH_CONTENT"
    /// Replaces the home folder where OpenCode looks for `~/.opencode`.
    case opencodeTestHome = "OPENCODE_TEST_HOME"

    /// The variables that decide where the agent's config, state and targets are: a service
    /// manager that does not read the user's shell profile must be given them.
    public static let locationVariables: [Variable] = [.xdgConfigHome, .xdgStateHome]

    public var description: String { rawValue }
}
