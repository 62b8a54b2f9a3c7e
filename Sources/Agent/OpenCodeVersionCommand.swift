import OpenCodeLayers
import SystemIO
import Workstation

extension VersionDetector {
    /// `opencode --version` run as the agent runs its helpers (posix_spawn, a clean signal
    /// mask), at most 5 s; nothing when it fails.
    public static var system: VersionDetector { VersionDetector(runVersion: runVersion) }

    static func runVersion(_ program: String, _ environment: Environment) -> String? {
        guard let result = try? Subprocess.run(program, ["--version"], environment: environment.values, timeout: .seconds(5)),
              result.status == 0 else { return nil }
        return result.stdout
    }
}

/// The agent works out the verdict every cycle: `opencode --version` is run again only when
/// the program file changed (another path or size: an upgrade).
final class OpenCodeVersions {
    private var known: [String: (size: Int, output: String?)] = [:]

    var detector: VersionDetector {
        VersionDetector { [self] program, environment in
            let size = (try? FileStatus.of(program))?.size ?? -1
            if let cached = known[program], cached.size == size { return cached.output }
            let output = VersionDetector.runVersion(program, environment)
            known[program] = (size, output)
            return output
        }
    }
}
