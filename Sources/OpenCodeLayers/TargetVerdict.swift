public import JSONCore
public import Workstation

/// A target's verdict in short, as `status` and `agent status` show it and the agent keeps it
/// (to log when it changes): the providers OpenCode can use, and for the others the reason and
/// the file that decided.
public struct TargetVerdict: Codable, Equatable, Sendable {
    public struct Unusable: Codable, Equatable, Sendable {
        public var id: String
        /// A `ProviderVerdict.Reason`.
        public var reason: String
        public var file: String?
        public var detail: String
    }

    public var target: String
    public var usable: [String]
    public var unusable: [Unusable]
    /// The OpenCode version assumed ("unknown": nil) and where it came from.
    public var opencodeVersion: String?
    public var versionSource: String
    /// More than one: the verdict depends on the loader order the version leaves open
    /// (`unusable` then holds what is unusable in any of them).
    public var outcomes: Int

    public init(target: String, _ explanation: Explanation) {
        self.target = target
        let providers = explanation.providers
        usable = providers.filter(\.usable).map(\.id)
        unusable = providers.filter { !$0.usable }.map {
            Unusable(id: $0.id, reason: $0.reason.rawValue, file: $0.decidingFile, detail: $0.detail)
        }
        opencodeVersion = explanation.version.version?.description
        versionSource = explanation.version.source.rawValue
        outcomes = explanation.outcomes.count
    }

    /// The verdict of the providers provider-sync owns in `target`, as `status` shows it; nil
    /// when the target's files cannot be found (the variable it needs is unset).
    public static func of(_ target: Target, providerIDs: [String], on workstation: Locations,
                          detector: VersionDetector) -> TargetVerdict? {
        guard let explanation = try? Explanation.explain(target, providerIDs: providerIDs, on: workstation, detector: detector) else {
            return nil
        }
        return TargetVerdict(target: target.description, explanation)
    }

    /// What decides whether the agent logs a change: the ids, reasons and files.
    public func sameVerdict(as other: TargetVerdict) -> Bool {
        usable == other.usable && unusable.map { [$0.id, $0.reason, $0.file ?? ""] } == other.unusable.map { [$0.id, $0.reason, $0.file ?? ""] }
    }

    public var json: JSONValue {
        var o = JSONObject()
        o["target"] = .string(target)
        o["usable"] = .array(usable.map { .string($0) })
        o["unusable"] = .array(unusable.map { item in
            ["id": .string(item.id), "reason": .string(item.reason), "file": item.file.map { .string($0) } ?? .null,
             "detail": .string(item.detail)]
        })
        o["opencodeVersion"] = opencodeVersion.map { .string($0) } ?? .null
        o["versionSource"] = .string(versionSource)
        o["outcomes"] = .number(Double(outcomes))
        return .object(o)
    }

    /// Indented lines for people, each value with its controls visible, paths as `display`
    /// shows them (`~/...`).
    public func text(indent: String = "  ", display: (String) -> String = { $0 }) -> String {
        let v = { (text: String) in VisibleText.escaped(text) }
        let version = opencodeVersion.map { "OpenCode \($0)" } ?? "OpenCode version unknown"
        var out = "\(indent)OpenCode sees (\(version)\(outcomes > 1 ? ", depends on the version: `provider-sync explain`" : "")): "
        if usable.isEmpty && unusable.isEmpty { return out + "no providers of provider-sync's\n" }
        out += usable.isEmpty ? "none usable" : usable.map(v).joined(separator: ", ") + " usable"
        out += "\n"
        for item in unusable {
            let detail = item.file.map { item.detail.replacing($0, with: display($0)) } ?? item.detail
            out += "\(indent)  \(v(item.id)) not usable: \(v(detail))\n"
        }
        return out
    }
}
