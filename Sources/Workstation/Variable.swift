/// Every environment variable this tool reads, in one list: those that decide where files
/// are, and the tool's own settings.
public enum Variable: String, Sendable, CaseIterable, CustomStringConvertible {
    case home = "HOME"
    case xdgConfigHome = "XDG_CONFIG_HOME"
    case xdgStateHome = "XDG_STATE_HOME"
    /// Windows: the roaming application data folder (Electron's userData is under it).
    case appData = "APPDATA"
    /// Windows: the local application data folder (our state).
    case localAppData = "LOCALAPPDATA"
    /// Windows: the home folder.
    case userProfile = "USERPROFILE"
    /// The temporary folder (files handed to ssh-keygen and gpg).
    case temporaryFolder = "TMPDIR"
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

    /// The variables that decide where the agent's config, state and targets are: a service
    /// manager that does not read the user's shell profile must be given them.
    public static let locationVariables: [Variable] = [.xdgConfigHome, .xdgStateHome]

    public var description: String { rawValue }
}
