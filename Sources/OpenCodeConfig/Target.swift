/// Which opencode.json to manage: an app's or the CLI's global file, or a file named by path.
public enum Target: Sendable, Equatable, CustomStringConvertible {
    /// The Openwork desktop app.
    case openwork
    /// The same app under its later name.
    case accomplish
    /// OpenCode's global CLI config.
    case opencode
    /// A file, such as a project's `opencode.json`.
    case path(String)

    /// `openwork`, `accomplish`, `opencode`, or anything else as a path; nil for "".
    public init?(parsing text: String) {
        switch text {
        case "": return nil
        case "openwork": self = .openwork
        case "accomplish": self = .accomplish
        case "opencode": self = .opencode
        default: self = .path(text)
        }
    }

    public var description: String {
        switch self {
        case .openwork: "openwork"
        case .accomplish: "accomplish"
        case .opencode: "opencode"
        case .path(let path): path
        }
    }
}
