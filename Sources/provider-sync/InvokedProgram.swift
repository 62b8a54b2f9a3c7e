import FoundationEssentials
internal import SystemIO
internal import Workstation

/// The path other programs start provider-sync by (the service file's ExecStart, the git
/// hook): as it was run (`/usr/bin/provider-sync`, `/usr/local/bin/provider-sync`) or found on
/// PATH, made absolute but not resolved, so a package upgrade or a Homebrew-style versioned
/// folder behind a symlink does not break it.
enum InvokedProgram {
    /// That path; nil when it was run by a name that is not on PATH.
    static func find(arguments: [String] = CommandLine.arguments, environment: [String: String] = Environment.process().values) -> String? {
        let invoked = arguments.first ?? ""
        if invoked.contains("/") {
            return URL(fileURLWithPath: (try? ThisWorkstation.absolute(invoked)) ?? invoked).standardized.path
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where folder.hasPrefix("/") {
            let candidate = PathText.join(String(folder), invoked)
            if !invoked.isEmpty && Subprocess.isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// That path, or else the running file itself (resolved: the last resort).
    static func path() -> String {
        find() ?? RunningProcess.executablePath() ?? CommandLine.arguments.first ?? "provider-sync"
    }
}
