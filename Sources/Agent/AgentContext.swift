import OpenCodeConfig

/// Where the agent works on this workstation, and as which program.
public struct AgentContext: Sendable {
    public var files: AgentFiles
    public var platform: Platform
    public var environment: [String: String]
    public var toolVersion: String

    public init(files: AgentFiles, platform: Platform, environment: [String: String], toolVersion: String) {
        self.files = files
        self.platform = platform
        self.environment = environment
        self.toolVersion = toolVersion
    }
}
