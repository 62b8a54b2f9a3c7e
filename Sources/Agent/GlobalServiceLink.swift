public import SystemIO
/// Why `systemctl --global enable/disable` did not do its job.
public enum GlobalServiceLinkError: Error, Sendable, Equatable, CustomStringConvertible {
    case systemctlMissing
    case failed(command: String, message: String)
    case cannotRun(command: String, SubprocessError)

    public var description: String {
        switch self {
        case .systemctlMissing:
            "systemctl is not installed: a unit for every user needs systemd (nothing was written)"
        case .failed(let command, let message):
            "`\(command)` failed: \(message)"
        case .cannotRun(let command, let error):
            "`\(command)` failed: \(error)"
        }
    }
}

/// `systemctl --global enable|disable` of the agent's unit: the link in
/// /etc/systemd/user/default.target.wants that makes every user's manager start it at login.
/// It needs no running systemd; `--root=DIR` does the same inside a folder that stands for `/`
/// (tests, packagers), so a test never touches the real /etc.
public enum GlobalServiceLink {
    /// The systemctl to run, checked before anything is written.
    public static func systemctl(environment: [String: String]) throws(GlobalServiceLinkError) -> String {
        guard let path = Subprocess.find("systemctl", searchPath: environment["PATH"]) else { throw .systemctlMissing }
        return path
    }

    public static func run(_ verb: String, systemctl: String, root: String, environment: [String: String]) throws(GlobalServiceLinkError) {
        let arguments = (root == "/" ? [] : ["--root=\(root)"]) + ["--global", verb, ServiceUnit.systemdName]
        let command = (["systemctl"] + arguments).joined(separator: " ")
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(systemctl, arguments, environment: environment, timeout: .seconds(30))
        } catch {
            throw .cannotRun(command: command, error)
        }
        guard result.status == 0 else { throw .failed(command: command, message: result.stderr.trimmingTrailingNewlines) }
    }
}

private extension String {
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last?.isNewline == true { text = text.dropLast() }
        return String(text)
    }
}
