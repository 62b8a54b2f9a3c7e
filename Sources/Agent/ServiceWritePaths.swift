#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OpenCodeConfig
import Sync

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
    public static func make(targets: [String], environment: [String: String], scope: ServiceScope) -> [UnitPath] {
        switch scope {
        case .user:
            var paths = folders(targets: targets, environment: environment).map { UnitPath(path: $0) }
            for target in targets.compactMap(Target.init(parsing:)) {
                guard let file = try? OpenCodeConfig.path(for: target, platform: .linux, environment: environment),
                      let real = realPath(file), real != file else { continue }
                paths.append(UnitPath(path: parent(real)))
            }
            return unique(paths)
        case .global:
            // Worked out for stand-in folders, then named by the specifiers systemd fills in
            // per user. The stand-ins cannot occur in a real path (a control character).
            let standIns = [("/\u{1}S", "%S"), ("/\u{1}E", "%E"), ("/\u{1}h", "%h")]
            let fake = ["HOME": "/\u{1}h", "XDG_CONFIG_HOME": "/\u{1}E", "XDG_STATE_HOME": "/\u{1}S"]
            return unique(folders(targets: targets, environment: fake).map { path in
                for (standIn, specifier) in standIns where path == standIn || path.hasPrefix(standIn + "/") {
                    return UnitPath(specifier: specifier, path: String(path.dropFirst(standIn.count)))
                }
                return UnitPath(path: path)
            })
        }
    }

    /// The state folder, then each target's folder (targets that name no path are skipped:
    /// the agent reports them itself).
    private static func folders(targets: [String], environment: [String: String]) -> [String] {
        let state = (try? StateLocation(platform: .linux, environment: environment).directory).map { [$0] } ?? []
        return state + targets.compactMap(Target.init(parsing:)).compactMap { target in
            (try? OpenCodeConfig.path(for: target, platform: .linux, environment: environment)).map(parent)
        }
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func unique(_ paths: [UnitPath]) -> [UnitPath] {
        var seen: [UnitPath] = []
        for path in paths where !seen.contains(path) { seen.append(path) }
        return seen
    }
}
