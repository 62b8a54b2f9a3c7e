/// What a location was being worked out for, so that an error says what could not be found.
public enum Place: Sendable, Equatable, CustomStringConvertible {
    /// A target's file (`openwork`, or a path given as the target).
    case target(String)
    /// provider-sync's own state folder.
    case stateFolder
    /// The agent's agent.yaml.
    case agentConfiguration
    /// The agent's user service file.
    case serviceFile
    /// A path that starts with `~`.
    case path(String)
    /// OpenCode's own files (its global folder, auth.json), which `explain` reads.
    case opencodeFiles

    public var description: String {
        switch self {
        case .target(let name): "the \(name) config"
        case .stateFolder: "the provider-sync state folder"
        case .agentConfiguration: "the agent configuration"
        case .serviceFile: "the service file"
        case .path(let path): "the home folder in \(path)"
        case .opencodeFiles: "OpenCode's files"
        }
    }
}

/// Why a location could not be worked out: the one error of this module.
public enum LocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A variable the platform's convention needs is unset or empty.
    case missingVariable(Variable, for: Place)
    /// A variable that must name an absolute folder does not (HOME=home/u).
    case relativeVariable(Variable, value: String, for: Place)
    /// A target given as a path, but empty.
    case emptyPath
    /// The platform has no such place (a user service on Windows).
    case unsupported(Place, on: Platform)

    public var description: String {
        switch self {
        case .missingVariable(let variable, let place):
            "cannot find \(place): the environment variable \(variable) is not set"
                + (Self.isTarget(place) ? "; set it, or pass the file's path as the target" : "")
        case .relativeVariable(let variable, let value, let place):
            "cannot find \(place): \(variable) is \"\(value)\", which is not an absolute path"
        case .emptyPath:
            "the target path is empty; pass \(TargetName.choices) or a file path"
        case .unsupported(let place, let platform):
            "there is no \(place) on \(platform.rawValue)"
        }
    }

    private static func isTarget(_ place: Place) -> Bool {
        if case .target = place { return true }
        return false
    }
}
