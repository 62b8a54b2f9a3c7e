/// The targets known by name. Adding one is this list and its files in `Locations.files(of:)`;
/// help texts, `paths`, agent.yaml and the messages take their names from here.
public enum TargetName: String, Sendable, CaseIterable {
    /// The desktop app, whichever of its two folders exists (both if both; `accomplish` when
    /// neither does).
    case app
    /// The desktop app under its first name (its folder `Openwork`).
    case openwork
    /// The same app under its later name (its folder `Accomplish`).
    case accomplish
    /// OpenCode's global CLI config.
    case opencode
    /// OpenCode's managed config for every user of the machine (root only).
    case managed

    /// The desktop app's folder name (its Electron `userData` under the platform's application
    /// data, and its install folder); nil for OpenCode's own config.
    public var appName: String? {
        switch self {
        case .openwork: "Openwork"
        case .accomplish: "Accomplish"
        case .app, .opencode, .managed: nil
        }
    }

    /// The target of `apply` and of agent.yaml when none is given.
    public static let `default`: TargetName = .app

    /// The app's own folders: a target of two files (the sidecar and the app's file).
    public var app: OpenCodeApp? {
        switch self {
        case .openwork: .openwork
        case .accomplish: .accomplish
        case .app, .opencode, .managed: nil
        }
    }

    /// `app`, `openwork`, `accomplish`: the app starts OpenCode with these files.
    public var isApp: Bool { self == .app || app != nil }

    /// "app, openwork, accomplish, opencode or managed", for help texts and messages.
    public static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
    }

    /// "app (default), openwork, ...": the names with the default marked.
    public static var choicesMarkingDefault: String {
        allCases.map { $0 == .default ? "\($0.rawValue) (default)" : $0.rawValue }.joined(separator: ", ")
    }
}

/// The desktop app that starts OpenCode with its own config folder: Openwork, renamed
/// Accomplish on 2026-02-02 (accomplish-ai/accomplish c631a63, "rebrand Openwork to
/// Accomplish"). Its Electron userData folder is named after it.
public enum OpenCodeApp: String, Sendable, CaseIterable {
    case openwork, accomplish

    /// The userData folder's name (`app.setPath('userData', ... 'Accomplish')`).
    public var folderName: String {
        switch self {
        case .openwork: "Openwork"
        case .accomplish: "Accomplish"
        }
    }

    public var target: Target { .named(self == .openwork ? .openwork : .accomplish) }
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

    /// `app`, `openwork` or `accomplish`.
    public var isApp: Bool {
        if case .named(let name) = self { return name.isApp }
        return false
    }

    public var isManaged: Bool { self == .named(.managed) }
}

/// One file a target manages.
public struct TargetFile: Sendable, Hashable {
    /// What the file is to OpenCode, which decides how it is merged and written.
    public enum Role: String, Sendable, Hashable {
        /// An opencode.json (JSON or JSONC) of the user's that the spec's providers are merged into.
        case config
        /// The app's own `<userData>/opencode/opencode.json`: the app rewrites it (before every
        /// task, in its early versions), so it is merged only when it exists and its rewrites are
        /// expected, not drift.
        case appConfig = "app"
        /// `<userData>/opencode/opencode.jsonc` next to the app's file: provider-sync's alone (the
        /// app never writes it); OpenCode loads it after the app's file where its version loads
        /// `opencode.json` before `opencode.jsonc`. Lists every provider the app can enable.
        case sidecar
        /// OpenCode's managed config (`/etc/opencode`...): for every user, readable by all, no key.
        case managed
        /// A file provider-sync wrote before and no longer writes (`opencode.json` once
        /// `opencode.jsonc` is there): what it owns there is removed, nothing else is touched.
        case retired
        /// OpenCode's `auth.json`: the keys of the `auth` secrets mode.
        case authStore = "auth"

        /// Files others write too (the app, OpenCode refreshing OAuth tokens): a read that finds
        /// one half written is tried again.
        public var hasOtherWriters: Bool { self == .appConfig || self == .authStore }

        /// The permission bits the file is written with: 0644 for the managed file every user
        /// reads (it holds no key), 0600 for everything else (it may hold keys).
        public var mode: UInt32 { self == .managed ? 0o644 : 0o600 }
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
