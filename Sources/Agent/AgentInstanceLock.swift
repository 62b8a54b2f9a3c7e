public import Sync
public import SystemIO
public import Workstation

public enum AgentInstanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another agent of this user holds `<state>/agent.lock`.
    case alreadyRunning(pid: Int32?, lockFile: String)
    case notRunning(lockFile: String)

    public var description: String {
        switch self {
        case .alreadyRunning(let pid, let file):
            "another provider-sync agent is running (\(pid.map { "pid \($0)" } ?? "its pid is not recorded yet")); "
                + "only one runs per user (lock file: \(file)). Use `provider-sync agent reconcile` to make it run now"
        case .notRunning(let file):
            "no provider-sync agent is running (nothing holds \(file)); start one with `provider-sync agent run`, or run one cycle with `provider-sync agent once`"
        }
    }
}

/// One agent per user: `agent run` and `agent once` hold `<state>/agent.lock` (flock, pid
/// inside) for as long as they run. The OS drops the lock when the holder dies however it
/// dies, so a crash never leaves a stale lock.
public enum AgentInstanceLock {
    /// Takes the lock or throws `alreadyRunning` naming the holder. Waits a moment, as a
    /// `status` probing the lock holds it for a few microseconds.
    public static func acquire(_ files: AgentFiles) throws -> WriteLock {
        do {
            return try WriteLock(path: files.agentLock, timeout: .seconds(1), pollInterval: .milliseconds(20))
        } catch WriteLockError.timedOut(_, let holder, _) {
            throw AgentInstanceError.alreadyRunning(pid: holder, lockFile: files.agentLock)
        }
    }

    /// Whether an agent holds the lock, and its pid when it recorded one.
    public static func presence(_ files: AgentFiles) -> AgentPresence {
        // No lock file, no agent ever ran: do not create one (or the state folder) just to look.
        guard (try? FileStatus.of(files.agentLock)) ?? nil != nil else { return .none }
        do {
            let probe = try WriteLock(path: files.agentLock, timeout: .zero)
            probe.release()
            return .none
        } catch WriteLockError.timedOut(_, let holder, _) {
            return .running(pid: holder)
        } catch {
            return .none
        }
    }

    /// Sends `signal` to the running agent and returns its pid; throws `notRunning` when there is none.
    @discardableResult
    public static func signal(_ files: AgentFiles, _ signal: ProcessSignal) throws -> Int32 {
        guard case .running(let pid?) = presence(files), RunningProcess.send(signal, to: pid) else {
            throw AgentInstanceError.notRunning(lockFile: files.agentLock)
        }
        return pid
    }
}

public enum AgentPresence: Sendable, Equatable {
    case none
    /// The pid is nil for a moment while the agent starts.
    case running(pid: Int32?)

    public var isRunning: Bool { self != .none }
}
