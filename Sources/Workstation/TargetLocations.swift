internal import SystemIO

/// What the disk holds, as far as choosing a target's files goes: which paths exist. A value,
/// so that every choice is testable without the files.
public struct DiskView: Sendable {
    public var exists: @Sendable (String) -> Bool

    public init(exists: @escaping @Sendable (String) -> Bool) {
        self.exists = exists
    }

    /// This machine's disk (a path counts when stat finds something there).
    public static let system = DiskView { path in ((try? FileStatus.of(path)) ?? nil) != nil }
}

/// Where each target's files are: the README's table "Where the targets write".
extension Locations {
    /// The files `target` manages, absolute; a target known by name on this platform, or a
    /// path (`~` expanded, a relative one from the working folder). Which files depends on
    /// what exists (`disk`): the app's folders, `opencode.jsonc` next to `opencode.json`.
    /// Every target a user runs also names OpenCode's `auth.json` (the `auth` secrets mode).
    public func files(of target: Target, disk: DiskView = .system) throws(LocationError) -> [TargetFile] {
        let place = Place.target(target.description)
        let files: [TargetFile]
        switch target {
        case .named(.app):
            var found: [TargetFile] = []
            for app in appsOfAppTarget(disk: disk) { found += try appFiles(app) }
            files = found
        case .named(.openwork):
            files = try appFiles(.openwork)
        case .named(.accomplish):
            files = try appFiles(.accomplish)
        case .named(.opencode):
            let folder = try opencodeConfigFolder(for: place)
            files = preferredConfigFile(json: join(folder, OpenCodeFileNames.json), jsonc: join(folder, OpenCodeFileNames.jsonc),
                                        target: target, role: .config, disk: disk)
        case .named(.managed):
            let managed = try managedConfigFiles()
            return preferredConfigFile(json: managed[0], jsonc: managed[1], target: target, role: .managed, disk: disk)
        case .path(let text):
            guard !text.isEmpty else { throw .emptyPath }
            files = [TargetFile(target: target, role: .config, path: try absolute(text, from: nil, for: place))]
        }
        return files + [TargetFile(target: target, role: .authStore, path: try opencodeAuthFile())]
    }

    /// The apps the `app` target stands for: those whose userData folder exists (both if both),
    /// `accomplish` when neither does.
    public func appsOfAppTarget(disk: DiskView = .system) -> [OpenCodeApp] {
        let apps = OpenCodeApp.allCases.filter { app in (try? appUserDataFolder(app.folderName)).map(disk.exists) == true }
        return apps.isEmpty ? [.accomplish] : apps
    }

    /// `target` as one or more targets of one folder each: `app` as the apps it stands for now.
    public func concreteTargets(of target: Target, disk: DiskView = .system) -> [Target] {
        target == .named(.app) ? appsOfAppTarget(disk: disk).map(\.target) : [target]
    }

    /// A target as agent.yaml keeps it: a name as it is, a path made absolute (`~` expanded,
    /// a relative one from `folder`).
    public func resolving(_ target: Target, from folder: String? = nil) throws(LocationError) -> Target {
        guard case .path(let text) = target else { return target }
        guard !text.isEmpty else { throw .emptyPath }
        return .path(try absolute(text, from: folder, for: .target(text)))
    }

    /// The app's two files: the sidecar, which is ours, and the app's own file.
    private func appFiles(_ app: OpenCodeApp) throws(LocationError) -> [TargetFile] {
        [TargetFile(target: app.target, role: .sidecar, path: try appSidecarFile(app)),
         TargetFile(target: app.target, role: .appConfig, path: try appConfigFile(app))]
    }

    /// OpenCode loads a folder's `opencode.json`, then its `opencode.jsonc` (which wins): write
    /// the `.jsonc` when it is there (its comments are kept), else the `.json`, created when
    /// neither is. Once a `.jsonc` is there, the `.json` is retired: what provider-sync wrote
    /// there before moves into the `.jsonc`.
    private func preferredConfigFile(json: String, jsonc: String, target: Target, role: TargetFile.Role, disk: DiskView) -> [TargetFile] {
        guard disk.exists(jsonc) else { return [TargetFile(target: target, role: role, path: json)] }
        return [TargetFile(target: target, role: role, path: jsonc), TargetFile(target: target, role: .retired, path: json)]
    }
}
