import FoundationEssentials
public import OpenCodeConfig
public import OpenCodeLayers
public import Sync
internal import SystemIO
public import Workstation

/// One target as the agent's last write left it: the hash of every value it owns there.
/// `provider-sync apply` of another spec to the same file updates the file's own state, so
/// that state alone cannot tell the agent its values were replaced; these hashes can.
public struct AppliedTarget: Codable, Equatable, Sendable {
    public var target: String
    public var path: String
    /// What the file is (`TargetFile.Role`); nil in a status written before roles.
    public var role: String?
    public var ownership: Ownership
    /// The spec hash the agent applied (the same hash the target's state records per apply).
    public var specHash: String?

    public init(target: String, path: String, role: String? = nil, ownership: Ownership, specHash: String?) {
        self.target = target
        self.path = path
        self.role = role
        self.ownership = ownership
        self.specHash = specHash
    }
}

extension AgentStatus {
    /// Notes what an apply of the agent wrote, replacing what an earlier one did.
    public mutating func recordApplied(_ plans: [TargetPlan], specHash: String) {
        applied = plans.map {
            AppliedTarget(target: $0.target.description, path: $0.path, role: $0.role.rawValue, ownership: $0.result.ownership,
                          specHash: specHash)
        }
    }

    /// The providers the agent's last write owns, per target, in the order of its targets.
    public var appliedProviders: [(target: Target, ids: [String])] {
        var out: [(target: Target, ids: [String])] = []
        for applied in applied {
            guard let target = Target(parsing: applied.target) else { continue }
            let ids = applied.ownership.providers.keys.sorted()
            if let i = out.firstIndex(where: { $0.target == target }) {
                out[i].ids += ids.filter { !out[i].ids.contains($0) }
            } else {
                out.append((target, ids))
            }
        }
        return out
    }

    /// What OpenCode makes of the applied providers now, per target (`explain`'s verdict).
    public func currentVerdicts(on workstation: Locations, detector: VersionDetector) -> [TargetVerdict] {
        appliedProviders.compactMap { TargetVerdict.of($0.target, providerIDs: $0.ids, on: workstation, detector: detector) }
    }

    /// The status with the drift as the files are now, next to what the last drift check
    /// saved: each applied target's owned values compared with what the agent wrote, and a
    /// note when another apply wrote the file since. Reads the files; writes nothing.
    public func withCurrentDrift(state: StateLocation) -> AgentStatus {
        var result = self
        for applied in applied {
            var findings: [String] = []
            do {
                let bytes = try FileReader.read(applied.path)
                let saved = try? TargetState.load(for: applied.path, in: state)
                if let hash = saved?.lastAppliedSpecHash, let mine = applied.specHash, hash != mine {
                    findings.append("another apply (spec \(hash)) wrote the file after the agent's revision")
                }
                let rewrittenByOwner = applied.role == TargetFile.Role.appConfig.rawValue
                findings += OpenCodeConfig.drift(existing: bytes, ownership: applied.ownership, absenceExpected: rewrittenByOwner)
            } catch {
                findings.append("\(error)")
            }
            guard !findings.isEmpty else { continue }
            if let i = result.drift.firstIndex(where: { $0.path == applied.path }) {
                result.drift[i].findings += findings.filter { !result.drift[i].findings.contains($0) }
            } else {
                result.drift.append(DriftRecord(target: applied.target, path: applied.path, findings: findings))
            }
        }
        return result
    }
}
