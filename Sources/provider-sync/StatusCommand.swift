import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import JSONCore
internal import OpenCodeConfig
internal import OpenCodeLayers
internal import Sync
internal import SystemIO
internal import Workstation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each target: its path, the providers provider-sync owns there, the last apply, and drift.",
        discussion: """
            Drift is an owned provider or key edited or removed by hand since the last apply. When \
            this workstation has an agent (agent.yaml or an agent status), its state follows. JSON: \
            one object, {"formatVersion", "host", "version", "targets": [...], "agent": {...} or null} \
            (agent: the fields of `agent status --format json`).
            """
    )

    @OptionGroup var targetOptions: TargetOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let state = try ThisWorkstation.stateLocation(targetOptions.platform)
        let planner = try ThisWorkstation.planner(targetOptions)
        var reports: [JSONValue] = []
        var verdicts: [Int: TargetVerdict] = [:]  // by the index of the target's last report
        let workstation = ThisWorkstation.locations(targetOptions.platform)
        var seen: Set<String> = []  // auth.json is every target's: reported once
        // `app` as each app folder it stands for, so that each gets the verdict of its own app.
        for target in targetOptions.targets.flatMap({ workstation.concreteTargets(of: $0) }) {
            var targetReports: [JSONObject] = []
            var owned: [String] = []
            for file in try planner.files(of: target) where seen.insert(file.path).inserted {
                let saved: TargetState
                let bytes: [UInt8]?
                do {
                    bytes = try FileReader.read(file.path)
                    saved = try TargetState.load(for: file.path, in: state).settled(against: bytes)
                } catch {
                    throw CommandFailure(message: "\(file.target) (\(file.path)): \(error)")
                }
                // auth.json and a retired file matter only once this tool wrote into them.
                if (file.role == .authStore || file.role == .retired) && saved.ownership.isEmpty { continue }
                let drifted = saved.isEmpty ? [] : drift(existing: bytes, ownership: saved.ownership, absenceExpected: file.role == .appConfig)
                let warnings = saved.isEmpty ? [] : laterFileWarnings(file, saved, planner.locations)
                targetReports.append(report(file, saved, exists: bytes != nil, drift: drifted, warnings: warnings))
                owned += saved.ownedProviderIDs.sorted().filter { !owned.contains($0) }
            }
            // What OpenCode makes of them: one verdict for the target, on each of its files' reports.
            let verdict = owned.isEmpty ? nil : TargetVerdict.of(target, providerIDs: owned, on: workstation, detector: .system)
            for var report in targetReports {
                report["verdict"] = verdict?.json ?? .null
                reports.append(.object(report))
            }
            if let verdict { verdicts[reports.count - 1] = verdict }
        }
        // The agent, when this workstation has one.
        let agentOptions = try AgentConfigOptions.parse([])
        let agent = AgentStatusReader.exists(agentOptions) ? try AgentStatusReader.report(agentOptions) : nil
        switch format {
        case .json:
            let document = StatusDocument.json(JSONObject([("targets", .array(reports)), ("agent", agent?.json ?? .null)]))
            Terminal.stdout(JSONWriter.pretty(document) + "\n")
        case .text:
            for (index, r) in reports.enumerated() {
                Terminal.stdout(Self.text(r))
                // The verdict once, after the target's last file.
                if let verdict = verdicts[index] { Terminal.stdout(verdict.text(display: ThisWorkstation.display)) }
            }
            if let agent { Terminal.stdout(agent.text(display: ThisWorkstation.display, verdicts: false)) }
        }
    }

    /// OpenCode's global folder: a file loaded after this one that overrides what this tool
    /// wrote here (an `opencode.jsonc` made since the last apply, which moves it there).
    private func laterFileWarnings(_ file: TargetFile, _ saved: TargetState, _ locations: Locations) -> [String] {
        guard file.role == .config || file.role == .retired, let order = try? locations.opencodeGlobalFiles(),
              let index = order.firstIndex(of: file.path) else { return [] }
        return order[(index + 1)...].flatMap { later -> [String] in
            guard let bytes = (try? FileReader.read(later)) ?? nil else { return [] }
            return overrides(inLaterFile: bytes, ownership: saved.ownership).map {
                "\(ThisWorkstation.display(later)), which OpenCode loads after this file, \($0)"
            }
        }
    }

    private func report(_ file: TargetFile, _ saved: TargetState, exists: Bool, drift: [String], warnings: [String]) -> JSONObject {
        var o = JSONObject()
        o["target"] = .string(file.target.description)
        o["role"] = .string(file.role.rawValue)
        o["path"] = .string(file.path)
        o["exists"] = .bool(exists)
        o["ownedProviders"] = .array(saved.ownedProviderIDs.sorted().map { .string($0) })
        o["ownedKeys"] = .array(saved.ownedTopLevelKeys.sorted().map { .string($0) })
        o["lastAppliedSpecHash"] = saved.lastAppliedSpecHash.map { .string($0) } ?? .null
        o["appliedAt"] = saved.appliedAt.map { .string($0.formatted(.iso8601)) } ?? .null
        o["drift"] = .array(drift.map { .string($0) })
        o["warnings"] = .array(warnings.map { .string($0) })
        return o
    }

    private static func text(_ r: JSONValue) -> String {
        let path = ThisWorkstation.display(r["path"]?.stringValue ?? "")
        let role = r["role"]?.stringValue.flatMap(TargetFile.Role.init(rawValue:)).map(Self.roleText) ?? ""
        var out = "\(r["target"]?.stringValue ?? ""): \(path)\(role)\(r["exists"] == false ? " (no file)" : "")\n"
        guard let applied = r["appliedAt"]?.stringValue else { return out + "  never applied\n" }
        if r["role"]?.stringValue == TargetFile.Role.authStore.rawValue {
            let keys = r["ownedKeys"]?.arrayValue?.compactMap(\.stringValue) ?? []
            out += "  keys stored for: \(keys.isEmpty ? "none" : keys.joined(separator: ", "))\n"
        } else {
            let providers = r["ownedProviders"]?.arrayValue?.compactMap(\.stringValue) ?? []
            out += "  owned providers: \(providers.isEmpty ? "none" : providers.joined(separator: ", "))\n"
        }
        out += "  last applied: \(applied) (spec \(r["lastAppliedSpecHash"]?.stringValue ?? "?"))\n"
        let drift = r["drift"]?.arrayValue?.compactMap(\.stringValue) ?? []
        out += drift.isEmpty ? "  drift: none\n" : "  drift:\n" + drift.map { "    \($0)\n" }.joined()
        for warning in r["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? [] { out += "  warning: \(warning)\n" }
        return out
    }

    /// After the path in text output: what the file is, where that is not the plain config.
    static func roleText(_ role: TargetFile.Role) -> String {
        switch role {
        case .config: ""
        case .appConfig: " (the app's own file)"
        case .sidecar: " (provider-sync's file next to the app's)"
        case .managed: " (managed, for every user)"
        case .retired: " (written before opencode.jsonc was there; apply moves provider-sync's entries out)"
        case .authStore: " (OpenCode's auth.json: keys of the auth mode)"
        }
    }
}
