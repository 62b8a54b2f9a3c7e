import FoundationEssentials
internal import JSONCore
internal import SystemIO

/// The agent's state in Prometheus' text exposition format (0.0.4), written after every cycle
/// to `metrics.textfile` for node_exporter's textfile collector: atomically (a half-written
/// file would be scraped as garbage), 0644 (node_exporter runs as its own user). The names
/// are a contract (README, "Metrics").
public enum MetricsTextfile {
    struct Family {
        var name: String
        var type: String
        var help: String
        var samples: [(labels: [(String, String)], value: Double)]
    }

    public static func write(_ status: AgentStatus, version: String, to path: String) throws {
        try AtomicFileWriter.write(Array(text(status, version: version).utf8), to: path, mode: 0o644)
    }

    public static func text(_ status: AgentStatus, version: String) -> String {
        families(status, version: version).map(render).joined()
    }

    static func families(_ status: AgentStatus, version: String) -> [Family] {
        func time(_ date: Date?) -> [(labels: [(String, String)], value: Double)] {
            date.map { [([], $0.timeIntervalSince1970)] } ?? []
        }
        var revisions: [(labels: [(String, String)], value: Double)] = []
        if let applied = status.lastAppliedRevision { revisions.append(([("revision", applied), ("state", "applied")], 1)) }
        if let attempted = status.lastAttemptedRevision, attempted != status.lastAppliedRevision {
            revisions.append(([("revision", attempted), ("state", "failed")], 1))
        }
        if let remote = status.remoteRevision { revisions.append(([("revision", remote), ("state", "remote")], 1)) }
        return [
            Family(name: "provider_sync_build_info", type: "gauge", help: "The provider-sync version the agent runs; always 1.",
                   samples: [([("version", version)], 1)]),
            Family(name: "provider_sync_revision_info", type: "gauge",
                   help: "Revisions of the followed branch, always 1: state applied (in force), failed (the last attempt, when it was not applied), remote (the branch on the server at the last poll).",
                   samples: revisions),
            Family(name: "provider_sync_last_applied_timestamp_seconds", type: "gauge",
                   help: "When the revision in force was applied (Unix time).", samples: time(status.lastAppliedAt)),
            Family(name: "provider_sync_last_attempt_timestamp_seconds", type: "gauge",
                   help: "When a new revision was last attempted, applied or not (Unix time).", samples: time(status.lastAttemptedAt)),
            Family(name: "provider_sync_last_poll_timestamp_seconds", type: "gauge",
                   help: "When the branch was last polled successfully (Unix time).", samples: time(status.lastPollAt)),
            Family(name: "provider_sync_last_cycle_timestamp_seconds", type: "gauge",
                   help: "When the last cycle ended, whatever its outcome (Unix time).", samples: time(status.lastCycleAt)),
            Family(name: "provider_sync_consecutive_failures", type: "gauge",
                   help: "Failed cycles in a row (0 after a good one).", samples: [([], Double(status.consecutiveFailures))]),
            Family(name: "provider_sync_cycle_failures_total", type: "counter",
                   help: "Failed cycles by stage and reason, since the state folder was made.",
                   samples: status.failureCounts.map { ([("stage", $0.stage), ("reason", $0.reason ?? "unknown")], Double($0.count)) }),
            Family(name: "provider_sync_provider_up", type: "gauge",
                   help: "1 when the provider passed the last health check (healthCheck: true), else 0.",
                   samples: (status.health?.providers ?? []).map { ([("provider", $0.id)], $0.passed ? 1 : 0) }),
            Family(name: "provider_sync_drift", type: "gauge",
                   help: "Targets with owned values edited by hand at the last drift check.", samples: [([], Double(status.drift.count))]),
            Family(name: "provider_sync_paused", type: "gauge", help: "1 while the agent is paused (agent pause).",
                   samples: [([], status.paused ? 1 : 0)]),
        ]
    }

    static func render(_ family: Family) -> String {
        var out = "# HELP \(family.name) \(escapedHelp(family.help))\n# TYPE \(family.name) \(family.type)\n"
        for sample in family.samples {
            let labels = sample.labels.isEmpty ? "" : "{" + sample.labels.map { "\($0.0)=\"\(escapedLabel($0.1))\"" }.joined(separator: ",") + "}"
            out += "\(family.name)\(labels) \(number(sample.value))\n"
        }
        return out
    }

    /// Label values: backslash, double quote and line feed escaped, as the format says.
    static func escapedLabel(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// HELP text: backslash and line feed escaped.
    static func escapedHelp(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    /// Whole numbers without a fraction; times with milliseconds.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // Milliseconds, without String(format:), which only full Foundation has.
        let thousandths = (value * 1000).rounded()
        guard abs(thousandths) < 9e18 else { return String(value) }
        let whole = Int64(thousandths)
        let fraction = String(abs(whole % 1000))
        let sign = whole < 0 && whole / 1000 == 0 ? "-" : ""
        return "\(sign)\(whole / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
