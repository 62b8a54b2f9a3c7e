/// One place OpenCode's loader merges config from, in its order (lowest first).
public struct LayerSource: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `<url>/.well-known/opencode`, for each `wellknown` entry of auth.json: fetched by
        /// OpenCode at start-up, never by this tool.
        case remote
        /// The global folder's `config.json`, `opencode.json`, `opencode.jsonc`.
        case global
        /// The file OPENCODE_CONFIG names.
        case configFile
        /// `opencode.json{c}` found from the working folder up to the worktree's top.
        case project
        /// `opencode.json{c}` in a `.opencode` folder or in OPENCODE_CONFIG_DIR.
        case folder
        /// The JSON text of OPENCODE_CONFIG_CONTENT.
        case content
        /// `opencode.json{c}` in the managed folder.
        case managed
        /// macOS MDM preferences (a plist OpenCode converts with plutil); not read here.
        case managedPreferences
    }

    public var kind: Kind
    /// The file, or the URL of remote config; nil for OPENCODE_CONFIG_CONTENT.
    public var path: String?

    public init(kind: Kind, path: String?) {
        self.kind = kind
        self.path = path
    }

    /// Whether this tool can read it: files and the variable's text; not remote config or plists.
    public var isReadable: Bool { kind != .remote && kind != .managedPreferences }

    /// How reports name it: its path, or the variable.
    public var name: String { path ?? "OPENCODE_CONFIG_CONTENT" }
}
