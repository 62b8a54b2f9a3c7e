import JSONCore
import Workstation

/// The agent.yaml that `agent init` writes: the settings given, each default written as a
/// comment so a person sees what can be set. Values are JSON strings, which YAML reads as is.
public struct AgentConfigTemplate: Sendable {
    public static let schemaURL = "https://provider-sync.dev/schemas/agent.schema.json"

    public var url: String
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

    public init(url: String) {
        self.url = url
    }

    public var text: String {
        func q(_ s: String) -> String { JSONWriter.quoted(s) }
        var lines = [
            "# yaml-language-server: $schema=\(Self.schemaURL)",
            "# The provider-sync agent of this workstation: `provider-sync agent run` follows this",
            "# branch and applies each good commit. Check it with `provider-sync agent status`.",
            "source:",
            "  url: \(q(url))",
            branch.map { "  branch: \(q($0))" } ?? "  # branch: main",
            path.map { "  path: \(q($0))" } ?? "  # path: providers.yaml          # a spec file, or a folder of *.yaml merged in name order",
        ]
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
        return lines.joined(separator: "\n") + "\n"
    }
}
