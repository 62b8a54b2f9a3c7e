/// Every environment variable this tool reads, in one list: those that decide where files
/// are, and the tool's own settings.
public enum Variable: String, Sendable, CaseIterable, CustomStringConvertible {
    case home = "HOME"
    case xdgConfigHome = "XDG_CONFIG_HOME"
    case xdgStateHome = "XDG_STATE_HOME"
    /// OpenCode's data folder (auth.json) is under it, on every platform.
    case xdgDataHome = "XDG_DATA_HOME"
    /// Windows: the roaming application data folder (Electron's userData is under it).
    case appData = "APPDATA"
    /// Windows: the local application data folder (our state).
    case localAppData = "LOCALAPPDATA"
    /// Windows: the home folder.
    case userProfile = "USERPROFILE"
    /// Windows: the machine-wide application data folder (OpenCode's managed folder).
    case programData = "ProgramData"
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
    /// The folder the `managed` target writes instead of the system's (/etc/opencode...), for
    /// tests and packagers.
    case managedFolder = "PROVIDER_SYNC_MANAGED_DIR"
    /// `agent run` watches the app's folders by comparing listings this often (milliseconds)
    /// instead of through inotify (tests of the fallback; a system out of inotify watches).
    case watchPollingMilliseconds = "PROVIDER_SYNC_WATCH_POLL_MS"

    /// The variables that decide where the agent's config, state and targets are: a service
    /// manager that does not read the user's shell profile must be given them.
    public static let locationVariables: [Variable] = [.xdgConfigHome, .xdgStateHome, .xdgDataHome]

    public var description: String { rawValue }
}
