import ArgumentParser
import CLICommon
import FoundationEssentials
import JSONCore
import OpenCodeConfig
import OpenCodeLayers
import Sync
import SystemIO
import Workstation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each target: its path, the providers provider-sync owns there, the last apply, and drift.",
        discussion: """
            Drift is an owned provider or key edited or removed by hand since the last apply. When             this workstation has an agent (agent.yaml or an agent status), its state follows: in             JSON as a last element {"agent": {...}} (the fields of `agent status --format json`).
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
        for target in targetOptions.targets {
            var targetReports: [JSONObject] = []
            var owned: [String] = []
            for file in try planner.files(of: target).map({ $0.path }) {
                let saved: TargetState
                let bytes: [UInt8]?
                do {
                    bytes = try FileReader.read(file)
                    saved = try TargetState.load(for: file, in: state).settled(against: bytes)
                } catch {
                    throw CommandFailure(message: "\(target) (\(file)): \(error)")
                }
                let drifted = saved.isEmpty ? [] : drift(existing: bytes, ownership: saved.ownership)
                targetReports.append(report(target, file, saved, exists: bytes != nil, drift: drifted))
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
        // The agent, when this workstation has one: last in the list, so scripts that read
        // targets by position or by their "target" key are unaffected.
        let agentOptions = try AgentConfigOptions.parse([])
        let agent = AgentStatusReader.exists(agentOptions) ? try AgentStatusReader.report(agentOptions) : nil
        switch format {
        case .json:
            if let agent { reports.append(.object(JSONObject([("agent", agent.json)]))) }
            Terminal.stdout(JSONWriter.pretty(.array(reports)) + "\n")
        case .text:
            for (index, r) in reports.enumerated() {
                Terminal.stdout(Self.text(r))
                // The verdict once, after the target's last file.
                if let verdict = verdicts[index] { Terminal.stdout(verdict.text(display: ThisWorkstation.display)) }
            }
            if let agent { Terminal.stdout(agent.text(display: ThisWorkstation.display, verdicts: false)) }
        }
    }

    private func report(_ target: Target, _ file: String, _ saved: TargetState, exists: Bool, drift: [String]) -> JSONObject {
        var o = JSONObject()
        o["target"] = .string(target.description)
        o["path"] = .string(file)
        o["exists"] = .bool(exists)
        o["ownedProviders"] = .array(saved.ownedProviderIDs.sorted().map { .string($0) })
        o["ownedKeys"] = .array(saved.ownedTopLevelKeys.sorted().map { .string($0) })
        o["lastAppliedSpecHash"] = saved.lastAppliedSpecHash.map { .string($0) } ?? .null
        o["appliedAt"] = saved.appliedAt.map { .string($0.formatted(.iso8601)) } ?? .null
        o["drift"] = .array(drift.map { .string($0) })
        return o
    }

    private static func text(_ r: JSONValue) -> String {
        let path = ThisWorkstation.display(r["path"]?.stringValue ?? "")
        var out = "\(r["target"]?.stringValue ?? ""): \(path)\(r["exists"] == false ? " (no file)" : "")\n"
        guard let applied = r["appliedAt"]?.stringValue else { return out + "  never applied\n" }
        let providers = r["ownedProviders"]?.arrayValue?.compactMap(\.stringValue) ?? []
        out += "  owned providers: \(providers.isEmpty ? "none" : providers.joined(separator: ", "))\n"
        out += "  last applied: \(applied) (spec \(r["lastAppliedSpecHash"]?.stringValue ?? "?"))\n"
        let drift = r["drift"]?.arrayValue?.compactMap(\.stringValue) ?? []
        out += drift.isEmpty ? "  drift: none\n" : "  drift:\n" + drift.map { "    \($0)\n" }.joined()
        return out
    }
}
