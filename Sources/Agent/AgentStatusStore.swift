import FoundationEssentials
internal import Sync
internal import SystemIO
public import Workstation

public struct AgentStatusError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public var description: String {
        "the agent status file \(file) is damaged (\(reason)); delete it, the agent writes a new one"
    }
}

/// Reads and updates `agent-status.json`. Several processes write it (the agent, `agent
/// pause`, `agent resume`), so every update is a read-modify-write under a lock of its own,
/// and each writer changes only its own fields.
public struct AgentStatusStore: Sendable {
    public var files: AgentFiles

    public init(files: AgentFiles) {
        self.files = files
    }

    /// The saved status, or an empty one when there is none yet.
    public func read() throws -> AgentStatus {
        guard let bytes = try FileReader.read(files.status) else { return AgentStatus() }
        do {
            return try Self.decoder().decode(AgentStatus.self, from: Data(bytes))
        } catch {
            throw AgentStatusError(file: files.status, reason: "not the JSON this provider-sync writes")
        }
    }

    public var exists: Bool { (try? FileReader.read(files.status)) != nil }

    /// Applies `change` to the saved status and saves it; returns the new status. A damaged
    /// file is replaced rather than blocking the agent forever.
    @discardableResult
    public func update(_ change: (inout AgentStatus) -> Void) throws -> AgentStatus {
        try WriteLock.withLockFile(files.statusLock) {
            var status = (try? read()) ?? AgentStatus()
            change(&status)
            try AtomicFileWriter.write(Self.encode(status), to: files.status, mode: 0o600)
            return status
        }
    }

    public static func encode(_ status: AgentStatus) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(AgentTime.text(date))
        }
        return [UInt8](try encoder.encode(status)) + [UInt8(ascii: "\n")]
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = AgentTime.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO 8601 time")
            }
            return date
        }
        return decoder
    }
}

extension WriteLock {
    /// A short critical section under the lock file at `path` (5 s at most to get it).
    static func withLockFile<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let lock = try WriteLock(path: path, timeout: .seconds(5))
        defer { lock.release() }
        return try body()
    }
}
