internal import Workstation

/// What OpenCode's loader would find for a situation, looked up once: the files of every
/// layer, whatever their order. `sources(under:)` puts them in the order a set of loader rules
/// gives (OpenCode's `loadInstanceState`, `packages/opencode/src/config/config.ts`, and
/// `config/paths.ts`, at 1.15.12; the legacy order at 002d982, January 2026).
struct LayerDiscovery: Sendable {
    var remote: [String] = []
    let locations: Locations
    var global: [String] = []
    var configFile: String?
    /// Project folders from the working folder up to the worktree's top, nearest first, with
    /// the config files each holds (jsonc before json, as `up` lists them).
    var projectFolders: [(folder: String, files: [String])] = []
    /// The config folders whose files are loaded, in the loader's order.
    var configFolders: [String] = []
    var content: Bool = false
    var managed: [String] = []
    var managedPreferences: [String] = []

    static let names = ["opencode.jsonc", "opencode.json"]

    init(_ situation: Situation, remote: [String]) throws(LocationError) {
        let locations = situation.locations
        let environment = situation.environment
        self.remote = remote
        self.locations = locations
        let globalFolder = try locations.opencodeGlobalFolder()
        global = try locations.opencodeGlobalFiles()
        configFile = try environment[.opencodeConfig].map { path throws(LocationError) in try locations.absolute(path) }
        let projectsOff = Self.isTrue(environment[.opencodeDisableProjectConfig])
        let cwd = situation.workingDirectory
        let worktree = Self.worktree(from: cwd, locations)
        if !projectsOff {
            projectFolders = Self.up(from: cwd, to: worktree, locations).compactMap { folder in
                let files = Self.names.map { locations.joining(folder, $0) }.filter(Disk.exists)
                return files.isEmpty ? nil : (folder, files)
            }
        }
        // unique([global, project .opencode (nearest first), ~/.opencode, OPENCODE_CONFIG_DIR]);
        // files only from those that end in ".opencode" or are OPENCODE_CONFIG_DIR.
        let configDir = try environment[.opencodeConfigDir].map { path throws(LocationError) in try locations.absolute(path) }
        var folders = [globalFolder]
        if !projectsOff {
            folders += Self.up(from: cwd, to: worktree, locations).map { locations.joining($0, ".opencode") }.filter(Disk.exists)
        }
        let home = locations.joining(try locations.opencodeHome(), ".opencode")
        if Disk.exists(home) { folders.append(home) }
        if let configDir { folders.append(configDir) }
        var seen = Set<String>()
        configFolders = folders.filter { seen.insert($0).inserted }.filter { $0.hasSuffix(".opencode") || $0 == configDir }
        content = environment[.opencodeConfigContent] != nil
        let managedFolder = locations.opencodeManagedFolder()
        if Disk.isFolder(managedFolder) {
            managed = [OpenCodeFileNames.json, OpenCodeFileNames.jsonc].map { locations.joining(managedFolder, $0) }
        }
        managedPreferences = locations.opencodeManagedPreferences(user: environment["USER"]).filter(Disk.exists)
    }

    /// The layers in the order `rules` merge them.
    func sources(under rules: LoaderRules) -> [LayerSource] {
        var out = remote.map { LayerSource(kind: .remote, path: $0) }
        out += global.map { LayerSource(kind: .global, path: $0) }
        if let configFile { out.append(LayerSource(kind: .configFile, path: configFile)) }
        out += projectFiles(under: rules).map { LayerSource(kind: .project, path: $0) }
        let content = self.content ? [LayerSource(kind: .content, path: nil)] : []
        if !rules.isCurrent(.contentAfterFolders) { out += content }
        let order = rules.isCurrent(.folderFileOrder) ? ["opencode.json", "opencode.jsonc"] : ["opencode.jsonc", "opencode.json"]
        for folder in configFolders {
            out += order.map { LayerSource(kind: .folder, path: locations.joining(folder, $0)) }
        }
        if rules.isCurrent(.contentAfterFolders) { out += content }
        if rules.isCurrent(.managedFolder) { out += managed.map { LayerSource(kind: .managed, path: $0) } }
        out += managedPreferences.map { LayerSource(kind: .managedPreferences, path: $0) }
        return out
    }

    /// The rules whose two forms could merge these files differently.
    var rulesThatMatter: Set<LoaderRules.Rule> {
        var rules = Set<LoaderRules.Rule>()
        let folderFiles = configFolders.flatMap { folder in Self.names.map { locations.joining(folder, $0) } }.filter(Disk.exists)
        if configFolders.contains(where: { folder in Self.names.allSatisfy { Disk.exists(locations.joining(folder, $0)) } }) {
            rules.insert(.folderFileOrder)
        }
        let projectFiles = projectFolders.flatMap(\.files)
        if projectFiles.contains(where: { $0.hasSuffix(".jsonc") }) && projectFiles.contains(where: { $0.hasSuffix(".json") }) {
            rules.insert(.projectFileOrder)
        }
        if content && !folderFiles.isEmpty { rules.insert(.contentAfterFolders) }
        if managed.contains(where: Disk.exists) { rules.insert(.managedFolder) }
        return rules
    }

    /// Legacy: `findUp` of each name, jsonc first, each root first. Current: `up` of both
    /// names (jsonc, json per folder, nearest first), reversed.
    private func projectFiles(under rules: LoaderRules) -> [String] {
        if rules.isCurrent(.projectFileOrder) {
            return projectFolders.flatMap(\.files).reversed()
        }
        // "opencode.jsonc" does not end in "opencode.json": the suffix tells the names apart.
        return Self.names.flatMap { name in projectFolders.reversed().flatMap { $0.files.filter { $0.hasSuffix(name) } } }
    }

    /// OpenCode's `Filesystem.up`: `start`, then each parent, ending after `stop` (when met) or
    /// at the root.
    static func up(from start: String, to stop: String, _ locations: Locations) -> [String] {
        var folders: [String] = []
        var current = start
        while true {
            folders.append(current)
            if current == stop { break }
            let parent = locations.parent(of: current)
            if parent == current || parent == "." { break }
            current = parent
        }
        return folders
    }

    /// The project's worktree, as OpenCode's `Project.fromDirectory` finds it: the folder of
    /// the nearest `.git`, or for a linked worktree (a `.git` file) the main one's folder
    /// (`git rev-parse --git-common-dir`); "/" outside a repository, so that project files are
    /// looked for up to the root.
    static func worktree(from start: String, _ locations: Locations) -> String {
        for folder in up(from: start, to: "", locations) {
            let dotGit = locations.joining(folder, ".git")
            guard Disk.exists(dotGit) else { continue }
            if Disk.isFolder(dotGit) { return folder }
            guard let text = Disk.text(dotGit), text.hasPrefix("gitdir:") else { return folder }
            let gitdir = locations.resolved(trimmed(String(text.dropFirst("gitdir:".count))), in: folder)
            guard let common = Disk.text(locations.joining(gitdir, "commondir")).map(trimmed) else { return folder }
            return locations.parent(of: locations.resolved(common, in: gitdir))
        }
        return "/"
    }

    /// OpenCode's flags are on for "true" or "1".
    static func isTrue(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return value == "true" || value == "1"
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension Locations {
    /// A path from a file (`gitdir: ...`) made absolute from `folder`.
    fileprivate func resolved(_ path: String, in folder: String) -> String {
        (try? absolute(path, from: Optional(folder))) ?? path
    }
}
