/// Where the agent keeps its status: `agent-status.json` (`AgentStatusStore`) in the agent,
/// memory in the reconciler's tests.
public protocol StatusStore: Sendable {
    /// The saved status, or an empty one when there is none yet.
    func read() throws -> AgentStatus
    /// Applies `change` to the saved status and saves it; returns the new status.
    @discardableResult
    func update(_ change: (inout AgentStatus) -> Void) throws -> AgentStatus
}

extension AgentStatusStore: StatusStore {}
