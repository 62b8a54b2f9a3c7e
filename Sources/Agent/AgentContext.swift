public import SystemIO
public import Workstation

/// Where the agent works on this workstation, and as which program.
public struct AgentContext: Sendable {
    public var files: AgentFiles
    /// Where the targets are, the environment handed to git, ssh-keygen, gpg and the probe.
    public var locations: Locations
    public var toolVersion: String
    /// This machine and user, as the agent's events name them.
    public var host: String
    public var user: String

    public init(files: AgentFiles, locations: Locations, toolVersion: String, host: String = RunningProcess.hostName(),
                user: String = RunningProcess.userName()) {
        self.files = files
        self.locations = locations
        self.toolVersion = toolVersion
        self.host = host
        self.user = user
    }

    /// The environment's variables, as child processes get them.
    public var environment: [String: String] { locations.environment.values }
}
