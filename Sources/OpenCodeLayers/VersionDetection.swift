internal import JSONCore
internal import SystemIO
public import Workstation

/// The OpenCode version `explain` assumes, and where it came from.
public struct VersionFinding: Sendable, Equatable {
    public enum Source: String, Sendable {
        /// `--opencode-version`.
        case option
        /// `opencode --version` of the `opencode` on PATH (or in `~/.opencode/bin`).
        case path
        /// The `opencode-ai` package inside the desktop app's installed resources.
        case app
        /// None found: every order the loader had is worked out.
        case unknown
    }

    public var version: OpenCodeVersion?
    public var source: Source
    /// The program run, the package.json read, or where it was looked for.
    public var from: String?

    public init(version: OpenCodeVersion?, source: Source, from: String?) {
        self.version = version
        self.source = source
        self.from = from
    }

    public static func option(_ version: OpenCodeVersion) -> VersionFinding {
        VersionFinding(version: version, source: .option, from: nil)
    }
}

/// Finds the OpenCode a situation runs: for the app, the version its installed resources hold
/// (`<resources>/app.asar.unpacked/node_modules/opencode-ai/package.json`, or the platform
/// package `opencode-<os>-<arch>...` on Windows: accomplish 97c622a `electron-options.ts`
/// L66-85, `cli-path-utils.ts` at 20e57da); for the terminal, `opencode --version`.
public struct VersionDetector {
    /// Runs `<program> --version`, its standard output; nil when it cannot run or fails.
    public var runVersion: (_ program: String, _ environment: Environment) -> String?

    public init(runVersion: @escaping (_ program: String, _ environment: Environment) -> String?) {
        self.runVersion = runVersion
    }

    /// `opencode --version` run for real (posix_spawn, a clean signal mask), at most 5 s.
    public static var system: VersionDetector { VersionDetector(runVersion: runVersion) }

    /// The program's standard output for `--version`; nil when it cannot run or fails.
    public static func runVersion(_ program: String, _ environment: Environment) -> String? {
        guard let result = try? Subprocess.run(program, ["--version"], environment: environment.values, timeout: .seconds(5)),
              result.status == 0 else { return nil }
        return result.stdout
    }

    public func find(for situation: Situation) -> VersionFinding {
        switch situation.starter {
        case .app(let name, _): bundled(name, situation.locations)
        case .cli: onPath(situation.locations)
        }
    }

    /// `opencode` on PATH (or the usual folders), else where OpenCode's installer puts it
    /// (`~/.opencode/bin`), run with `--version`.
    func onPath(_ locations: Locations) -> VersionFinding {
        let installer = (try? locations.home(for: .opencodeFiles)).map { locations.joining($0, ".opencode", "bin") }
        let searchPath = [locations.environment[.path], installer].compactMap { $0 }.joined(separator: ":")
        guard let program = Subprocess.find("opencode", searchPath: searchPath) else {
            return VersionFinding(version: nil, source: .unknown, from: "no opencode on PATH")
        }
        guard let output = runVersion(program, locations.environment), let version = OpenCodeVersion(finding: output) else {
            return VersionFinding(version: nil, source: .unknown, from: "\(program) --version printed no version")
        }
        return VersionFinding(version: version, source: .path, from: program)
    }

    /// The `version` of the `opencode-ai` package (or a platform package) the app ships.
    func bundled(_ app: String, _ locations: Locations) -> VersionFinding {
        let candidates = locations.appResourceFolders(app)
        for resources in candidates {
            let modules = locations.joining(resources, "app.asar.unpacked", "node_modules")
            let platformPackages = ((try? FolderListing.entries(modules)) ?? []).map(\.name)
                .filter { $0.hasPrefix("opencode-") }.sorted()
            for package in ["opencode-ai"] + platformPackages {
                let file = locations.joining(modules, package, "package.json")
                guard let bytes = try? FileReader.read(file, limit: 1 << 20),
                      let text = try? JSONParser.value(String(decoding: bytes, as: UTF8.self)),
                      let version = text["version"]?.stringValue.flatMap(OpenCodeVersion.init(finding:)) else { continue }
                return VersionFinding(version: version, source: .app, from: file)
            }
        }
        return VersionFinding(version: nil, source: .unknown,
                              from: "no \(app) install found in \(candidates.isEmpty ? "the usual places" : candidates.joined(separator: ", "))")
    }
}
