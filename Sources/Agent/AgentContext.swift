import Workstation

/// Where the agent works on this workstation, and as which program.
public struct AgentContext: Sendable {
    public var files: AgentFiles
    /// Where the targets are, the environment handed to git, ssh-keygen, gpg and the probe.
    public var locations: Locations
    public var toolVersion: String

    public init(files: AgentFiles, locations: Locations, toolVersion: String) {
        self.files = files
        self.locations = locations
        self.toolVersion = toolVersion
    }

    /// The environment's variables, as child processes get them.
    public var environment: [String: String] { locations.environment.values }
}
