public import JSONCore
internal import Workstation

/// The agent.yaml that `agent init` writes: the settings given, each default written as a
/// comment so a person sees what can be set. Values are JSON strings, which YAML reads as is.
public struct AgentConfigTemplate: Sendable {
    public static let schemaURL = "https://provider-sync.dev/schemas/agent.schema.json"

    /// Nil: left to the system-wide agent.yaml.
    public var url: String?
    public var branch: String?
    public var path: String?
    public var auth: [(key: String, value: JSONValue)] = []
    public var allowedSigners: String?
    public var gpgKeyring: String?
    public var caFile: String?
    public var knownHosts: String?
    public var interval: String?
    public var driftInterval: String?
    public var targets: [String] = []
    public var secrets: String?
    public var onDrift: String?
    public var healthCheck = false
    public var metricsFile: String?

    public init(url: String?) {
        self.url = url
    }

    public var text: String {
        func q(_ s: String) -> String { JSONWriter.quoted(s) }
        var lines: [String] = [
            "# yaml-language-server: $schema=\(Self.schemaURL)",
            "# The provider-sync agent of this workstation: `provider-sync agent run` follows this",
            "# branch and applies each good commit. Check it with `provider-sync agent status`.",
            "source:",
        ]
        lines.append(url.map { "  url: \(q($0))" } ?? "  # url: set for every user in the system-wide agent.yaml")
        lines.append(branch.map { "  branch: \(q($0))" } ?? "  # branch: main")
        lines.append(path.map { "  path: \(q($0))" } ?? "  # path: providers.yaml          # a spec file, or a folder of *.yaml merged in name order")
        if auth.isEmpty {
            lines.append("  # auth: { keyring: NAME, username: USER }   # https token in the keychain; or { sshKey: PATH } / { sshAgent: true }")
        } else {
            lines.append("  auth:")
            lines += auth.map { "    \($0.key): \(JSONWriter.compact($0.value))" }
        }
        if allowedSigners != nil || gpgKeyring != nil {
            lines.append("  verify:")
            if let allowedSigners { lines.append("    allowedSigners: \(q(allowedSigners))") }
            if let gpgKeyring { lines.append("    gpgKeyring: \(q(gpgKeyring))") }
        } else {
            lines.append("  # verify: { allowedSigners: ~/.config/provider-sync/allowed_signers }   # apply signed commits only")
        }
        if let caFile { lines.append("  caFile: \(q(caFile))") }
        if let knownHosts { lines.append("  knownHosts: \(q(knownHosts))") }
        // Nothing set under source (all left to the system-wide file): a bare `source:` would
        // be null, so it is a comment too.
        if lines.dropFirst(4).allSatisfy({ $0.drop(while: { $0 == " " }).hasPrefix("#") }) {
            lines[3] = "# source:"
        }
        lines.append(interval.map { "interval: \(q($0))" } ?? "# interval: 5m                  # +-10% jitter; errors back off up to 10x")
        lines.append(driftInterval.map { "driftInterval: \(q($0))" } ?? "# driftInterval: 30m            # hand edits and rotated keychain keys")
        if targets.isEmpty {
            lines.append("# targets: [\(TargetName.default.rawValue)]           # \(TargetName.allCases.map(\.rawValue).joined(separator: ", ")) or a file path")
        } else {
            lines.append("targets:")
            lines += targets.map { "  - \(q($0))" }
        }
        lines.append(secrets.map { "secrets: \(q($0))" } ?? "# secrets: inline                # or file; default: the spec's own setting")
        lines.append(onDrift.map { "onDrift: \(q($0))" } ?? "# onDrift: reapply               # or report")
        lines.append(healthCheck ? "healthCheck: true" : "# healthCheck: false             # true: probe the providers after each apply")
        if let metricsFile {
            lines += ["metrics:", "  textfile: \(q(metricsFile))"]
        } else {
            lines.append("# metrics: { textfile: /var/lib/node_exporter/textfile/provider-sync.prom }")
        }
        lines.append("# notify: { webhook: { url: https://hooks.example.com/..., headers: { Authorization: { keyring: NAME } } } }")
        return lines.joined(separator: "\n") + "\n"
    }
}
