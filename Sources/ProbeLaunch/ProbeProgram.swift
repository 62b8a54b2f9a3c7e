public import ProbeWire
public import SystemIO
public import Workstation

/// `provider-sync-probe`: the probe's own program, installed next to `provider-sync`. The HTTP
/// stack (SwiftNIO, BoringSSL) lives there alone: linked into `provider-sync` it cost every
/// command, `validate` in a pre-commit hook included, about 1.5 ms and 16% more instructions.
/// It reads no spec and no keychain: `provider-sync` and the agent resolve the targets and
/// their keys and hand them over on its standard input.
public enum ProbeProgram {
    public static let name = "provider-sync-probe"

    public static let missing = "\(name) is not installed next to provider-sync or in PATH; it comes with provider-sync (make release builds both)"

    /// Next to the running program, else the first in PATH; nil when neither has it.
    public static func path(in environment: Environment) -> String? {
        var candidates: [String] = []
        if let own = RunningProcess.executablePath() {
            candidates.append(String(own[..<(own.lastIndex(of: "/") ?? own.startIndex)]) + "/" + name)
        }
        for folder in (environment[.path] ?? "").split(separator: ":") where !folder.isEmpty {
            candidates.append("\(folder)/\(name)")
        }
        return candidates.first(where: Subprocess.isExecutable)
    }

    /// Runs `program <arguments>` with `targets` on its standard input. Attached (`timeout`
    /// nil, `.inherited`): its output and exit code are the command's own. Captured: its
    /// report, for the agent, within `timeout`.
    public static func run(_ program: String, _ arguments: [String], targets: [ProbeTarget], environment: Environment,
                           timeout: Duration? = nil, output: Subprocess.Output) throws(SubprocessError) -> Subprocess.Result {
        try Subprocess.run(program, arguments, stdin: ProbeWireFormat.encode(targets), environment: environment.values,
                           timeout: timeout, output: output)
    }
}
