/// Where each target's files are: the README's table "Where opencode.json goes".
extension Locations {
    /// The files `target` manages, absolute; a target known by name on this platform, or a
    /// path (`~` expanded, a relative one from the working folder).
    public func files(of target: Target) throws(LocationError) -> [TargetFile] {
        let place = Place.target(target.description)
        func config(_ path: String) -> [TargetFile] { [TargetFile(target: target, role: .config, path: path)] }
        switch target {
        case .named(.openwork):
            return config(join(try appFolder("Openwork", for: place), "opencode", "opencode.json"))
        case .named(.accomplish):
            return config(join(try appFolder("Accomplish", for: place), "opencode", "opencode.json"))
        case .named(.opencode):
            return config(join(try opencodeConfigFolder(for: place), "opencode.json"))
        case .path(let text):
            guard !text.isEmpty else { throw .emptyPath }
            return config(try absolute(text, from: nil, for: place))
        }
    }

    /// A target as agent.yaml keeps it: a name as it is, a path made absolute (`~` expanded,
    /// a relative one from `folder`).
    public func resolving(_ target: Target, from folder: String? = nil) throws(LocationError) -> Target {
        guard case .path(let text) = target else { return target }
        guard !text.isEmpty else { throw .emptyPath }
        return .path(try absolute(text, from: folder, for: .target(text)))
    }

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
