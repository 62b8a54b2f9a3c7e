internal import SystemIO
public import Workstation

/// A path in a unit file: absolute, or under a folder systemd names for each user
/// (`%h` home, `%E` config home, `%S` state home), for a unit every user runs.
public struct UnitPath: Sendable, Equatable, CustomStringConvertible {
    /// "%h", "%E", "%S", or nil for an absolute path.
    public var specifier: String?
    /// Absolute, or the rest after the specifier ("/Openwork/opencode").
    public var path: String

    public init(specifier: String? = nil, path: String) {
        self.specifier = specifier
        self.path = path
    }

    public var description: String { (specifier ?? "") + path }
}

/// What the agent writes, for the opt-in read-only file system: its state folder and the
/// folder of each target in agent.yaml (where the temporary file and the rename happen), and
/// for this user's own unit the folder a symlinked target really lives in.
public enum ServiceWritePaths {
    public static func make(targets: [Target], environment: Environment, scope: ServiceScope) -> [UnitPath] {
        switch scope {
        case .user:
            let locations = linux(environment)
            var paths = folders(targets: targets, locations).map { UnitPath(path: $0) }
            for file in targets.flatMap({ (try? locations.files(of: $0)) ?? [] }) {
                guard let real = FileSystem.realPath(file.path), real != file.path else { continue }
                paths.append(UnitPath(path: locations.parent(of: real)))
            }
            return unique(paths)
        case .global:
            // Worked out for stand-in folders, then named by the specifiers systemd fills in
            // per user. The stand-ins cannot occur in a real path (a control character).
            let standIns = [("/\u{1}S", "%S"), ("/\u{1}E", "%E"), ("/\u{1}h", "%h")]
            let fake = Environment(["HOME": "/\u{1}h", "XDG_CONFIG_HOME": "/\u{1}E", "XDG_STATE_HOME": "/\u{1}S"])
            return unique(folders(targets: targets, linux(fake)).map { path in
                for (standIn, specifier) in standIns where path == standIn || path.hasPrefix(standIn + "/") {
                    return UnitPath(specifier: specifier, path: String(path.dropFirst(standIn.count)))
                }
                return UnitPath(path: path)
            })
        }
    }

    /// The state folder, then each target's folder (targets that name no path are skipped:
    /// the agent reports them itself).
    private static func folders(targets: [Target], _ locations: Locations) -> [String] {
        let state = (try? locations.stateLocation().directory).map { [$0] } ?? []
        // `app` is the app folders that exist when the agent writes, which may change: both.
        let concrete = targets.flatMap { $0 == .named(.app) ? OpenCodeApp.allCases.map(\.target) : [$0] }
        return state + concrete.flatMap { target in ((try? locations.files(of: target)) ?? []).map { locations.parent(of: $0.path) } }
    }

    /// Units are systemd's: Linux conventions, relative target paths taken from "/".
    private static func linux(_ environment: Environment) -> Locations {
        Locations(platform: .linux, environment: environment, currentDirectory: "/")
    }

    private static func unique(_ paths: [UnitPath]) -> [UnitPath] {
        var seen: [UnitPath] = []
        for path in paths where !seen.contains(path) { seen.append(path) }
        return seen
    }
}
