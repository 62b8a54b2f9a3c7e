import FoundationEssentials
public import JSONCore

/// The agent as `agent status` and `status` show it: the saved status, plus what only a live
/// look can tell (is it running, which config file).
public struct AgentReport: Sendable {
    public var configFile: String
    public var configured: Bool
    public var status: AgentStatus
    public var presence: AgentPresence
    /// The config's problem, when it cannot be read or is invalid.
    public var configProblem: String?
    /// The system-wide agent.yaml read under the user's, when there is one.
    public var systemConfigFile: String?
    /// Each setting with the file it came from (empty when the config could not be read).
    public var settings: [AgentSetting]

    public init(configFile: String, configured: Bool, status: AgentStatus, presence: AgentPresence, configProblem: String? = nil,
                systemConfigFile: String? = nil, settings: [AgentSetting] = []) {
        self.configFile = configFile
        self.configured = configured
        self.status = status
        self.presence = presence
        self.configProblem = configProblem
        self.systemConfigFile = systemConfigFile
        self.settings = settings
    }

    /// For scripts: the status file's fields plus `configured`, `config`, `systemConfig`,
    /// `settings` (name, value, file: null for a default), `running`.
    public var json: JSONValue {
        var o = JSONObject()
        o["configured"] = .bool(configured)
        o["config"] = .string(configFile)
        o["systemConfig"] = systemConfigFile.map { .string($0) } ?? .null
        o["settings"] = .array(settings.map { setting in
            .object(JSONObject([("name", .string(setting.name)), ("value", setting.value), ("file", setting.file.map { .string($0) } ?? .null)]))
        })
        o["configProblem"] = configProblem.map { .string($0) } ?? .null
        o["running"] = .bool(presence.isRunning)
        if case .running(let pid?) = presence { o["pid"] = .number(Double(pid)) } else { o["pid"] = .null }
        if let bytes = try? AgentStatusStore.encode(status), let saved = try? JSONParser.value(String(decoding: bytes, as: UTF8.self)),
           let fields = saved.objectValue {
            for (key, value) in fields where key != "pid" && key != "format" { o[key] = value }
        }
        return .object(o)
    }

    /// For people. Every value from the status file (a server's message, a spec's name, a
    /// reason typed by someone) is shown with its controls visible; a message of several lines
    /// keeps its lines, indented.
    /// `verdicts`: false where the targets' verdicts were shown already (`status`).
    public func text(display: (String) -> String = { $0 }, verdicts: Bool = true) -> String {
        let v = { (text: String) in VisibleText.escaped(text) }
        var out = "agent: "
        switch presence {
        case .running(let pid?): out += "running (pid \(pid))"
        case .running(nil): out += "starting"
        case .none: out += configured ? "not running" : "not configured (provider-sync agent init --url URL)"
        }
        out += "\n  config: \(display(configFile))\(configured ? "" : " (no file)")"
            + (systemConfigFile.map { " over \(display($0))" } ?? "") + "\n"
        if let configProblem { out += "  config problem: \(v(configProblem))\n" }
        if systemConfigFile != nil { out += settingsText(display: display) }
        if let source = status.source {
            out += "  source: \(v(source.url)) branch \(v(source.branch)), \(v(source.path))\n"
        }
        if status.paused {
            out += "  paused: yes\(status.pausedAt.map { " since \(AgentTime.text($0))" } ?? "")"
                + " (\(status.pauseReason.map(v) ?? "no reason given")); `provider-sync agent resume` to resume\n"
        }
        out += "  last applied: " + (status.lastAppliedRevision.map { rev in
            "\(v(String(rev.prefix(12))))\(status.lastAppliedAt.map { " at \(AgentTime.text($0))" } ?? "")"
        } ?? "nothing yet") + "\n"
        if let attempted = status.lastAttemptedRevision, attempted != status.lastAppliedRevision {
            out += "  last attempted: \(v(String(attempted.prefix(12))))\(status.lastAttemptedAt.map { " at \(AgentTime.text($0))" } ?? "") (not applied)\n"
        }
        if let remote = status.remoteRevision, remote != status.lastAppliedRevision, remote != status.lastAttemptedRevision {
            out += "  branch on the server: \(v(String(remote.prefix(12))))\n"
        }
        if let error = status.lastError {
            // Lines split at "\n" scalars: as Characters, "\r\n" holds no "\n".
            let lines = error.message.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                .map { v(String(String.UnicodeScalarView($0))) }
            out += "  last error (\(v(error.stage))\(error.revision.map { ", revision \(v(String($0.prefix(12))))" } ?? ""), at \(AgentTime.text(error.at))): \(lines.first ?? "")\n"
            for line in lines.dropFirst() { out += "    \(line)\n" }
            if status.consecutiveFailures > 1 { out += "  failures in a row: \(status.consecutiveFailures)\n" }
        }
        if let poll = status.lastPollAt { out += "  last poll: \(AgentTime.text(poll))\n" }
        if presence.isRunning, let next = status.nextRunAt { out += "  next run: \(AgentTime.text(next))\n" }
        if status.drift.isEmpty {
            if let checked = status.lastDriftCheckAt { out += "  drift: none (checked \(AgentTime.text(checked)))\n" }
        } else {
            out += "  drift:\n"
            for record in status.drift {
                out += "    \(v(record.target)) (\(v(display(record.path)))): \(v(record.findings.joined(separator: "; ")))\n"
            }
        }
        if let health = status.health { out += healthText(health) }
        if verdicts {
            for verdict in status.verdicts {
                out += "  \(VisibleText.escaped(verdict.target)):\n" + verdict.text(indent: "    ", display: display)
            }
        }
        return out
    }

    /// Each setting that has a value, and where it came from: the administrator's file, the
    /// user's, or the default. Shown when there is a system-wide file (else every setting is
    /// the user's or a default, and `agent status --format json` lists them).
    func settingsText(display: (String) -> String) -> String {
        var out = "  settings:\n"
        for setting in settings where setting.value != .null {
            let value = setting.value.stringValue ?? JSONWriter.compact(setting.value)
            out += "    \(setting.name): \(VisibleText.escaped(value)) (\(setting.file.map(display) ?? "default"))\n"
        }
        return out
    }

    func healthText(_ health: HealthRecord) -> String {
        let failing = health.providers.filter { !$0.passed }
        var out = "  health: " + (failing.isEmpty ? "\(health.providers.count) provider\(health.providers.count == 1 ? "" : "s") answer" : "\(failing.count) of \(health.providers.count) failing")
            + " (checked \(AgentTime.text(health.checkedAt)), revision \(VisibleText.escaped(String(health.revision.prefix(12)))))\n"
        for provider in failing {
            out += "    \(VisibleText.escaped(provider.id)): \(VisibleText.escaped(provider.failures.joined(separator: "; ")))\n"
        }
        if !failing.isEmpty { out += "    `provider-sync probe` says how to fix each\n" }
        return out
    }
}
