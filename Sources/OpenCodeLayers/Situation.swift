public import Workstation

/// Who starts OpenCode, which decides the environment it gets and the folder it runs in, and
/// so the config files it reads.
public struct Situation: Sendable, Equatable {
    public enum Starter: Sendable, Equatable {
        /// A desktop app (Openwork, Accomplish): it starts OpenCode with OPENCODE_CONFIG set to
        /// `<userData>/opencode/opencode.json` and OPENCODE_CONFIG_DIR to that folder
        /// (accomplish-ai/accomplish 97c622a, `config-generator.ts` L588-591), in the task's
        /// folder or else the temporary folder (`adapter.ts` L184, `electron-options.ts` L265).
        case app(name: String, userData: String)
        /// `opencode` started by a person in a terminal: the environment as it is.
        case cli
    }

    public var starter: Starter
    /// The platform, the environment OpenCode gets, and its working folder.
    public var locations: Locations

    public init(starter: Starter, locations: Locations) {
        self.starter = starter
        self.locations = locations
    }

    /// OpenCode run by `app` (`Openwork`, `Accomplish`) on this workstation: this environment
    /// plus what the app sets; in `workingDirectory`, else the temporary folder.
    public static func app(_ app: String, on workstation: Locations, workingDirectory: String? = nil) throws(LocationError) -> Situation {
        let userData = try workstation.appUserDataFolder(app)
        let folder = workstation.joining(userData, "opencode")
        var environment = workstation.environment
        environment.values[Variable.opencodeConfig.rawValue] = workstation.joining(folder, "opencode.json")
        environment.values[Variable.opencodeConfigDir.rawValue] = folder
        let cwd = try workingDirectory.map { path throws(LocationError) in try workstation.absolute(path) } ?? workstation.temporaryFolder()
        return Situation(starter: .app(name: app, userData: userData),
                         locations: Locations(platform: workstation.platform, environment: environment, currentDirectory: cwd))
    }

    /// `opencode` run in a terminal on this workstation, in `workingDirectory` (else the
    /// current folder).
    public static func cli(on workstation: Locations, workingDirectory: String? = nil) throws(LocationError) -> Situation {
        var locations = workstation
        if let workingDirectory { locations.currentDirectory = try workstation.absolute(workingDirectory) }
        return Situation(starter: .cli, locations: locations)
    }

    public var environment: Environment { locations.environment }
    public var workingDirectory: String { locations.currentDirectory }

    /// The variables of OpenCode's that are set here (the app's included), for the report.
    public var opencodeVariables: [(Variable, String)] {
        [Variable.opencodeConfig, .opencodeConfigDir, .opencodeConfigContent, .opencodeDisableProjectConfig,
         .opencodeManagedConfigDir, .opencodeAuthContent, .opencodeTestHome]
            .compactMap { variable in environment[variable].map { (variable, $0) } }
    }
}
