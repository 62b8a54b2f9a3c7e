/// The targets known by name. Adding one is this list and its files in `Locations.files(of:)`;
/// help texts, `paths`, agent.yaml and the messages take their names from here.
public enum TargetName: String, Sendable, CaseIterable {
    /// The Openwork desktop app.
    case openwork
    /// The same app under its later name.
    case accomplish
    /// OpenCode's global CLI config.
    case opencode

    /// The desktop app's folder name (its Electron `userData` under the platform's application
    /// data, and its install folder); nil for OpenCode's own config.
    public var appName: String? {
        switch self {
        case .openwork: "Openwork"
        case .accomplish: "Accomplish"
        case .opencode: nil
        }
    }

    /// The target of `apply` and of agent.yaml when none is given.
    public static let `default`: TargetName = .openwork

    /// "openwork, accomplish, opencode", for help texts and messages.
    public static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
    }

    /// "openwork (default), accomplish, opencode": the names with the default marked.
    public static var choicesMarkingDefault: String {
        allCases.map { $0 == .default ? "\($0.rawValue) (default)" : $0.rawValue }.joined(separator: ", ")
    }
}

/// Which files to manage: a target known by name, or one opencode.json named by its path.
public enum Target: Sendable, Hashable, CustomStringConvertible {
    case named(TargetName)
    /// A file, such as a project's `opencode.json`: as given (relative, or with `~`) until
    /// `Locations` resolves it.
    case path(String)

    public static let `default` = Target.named(.default)

    /// A name, or anything else as a path; nil for "".
    public init?(parsing text: String) {
        guard !text.isEmpty else { return nil }
        self = TargetName(rawValue: text).map(Target.named) ?? .path(text)
    }

    public var description: String {
        switch self {
        case .named(let name): name.rawValue
        case .path(let path): path
        }
    }
}

/// One file a target manages.
public struct TargetFile: Sendable, Hashable {
    /// What the file is to OpenCode.
    public enum Role: Sendable, Hashable {
        /// An opencode.json (JSON or JSONC) that the spec's providers are merged into.
        case config
    }

    public var target: Target
    public var role: Role
    /// Absolute.
    public var path: String

    public init(target: Target, role: Role, path: String) {
        self.target = target
        self.role = role
        self.path = path
    }
}
