import OpenCodeLayers
import Workstation

extension VersionDetector {
    /// `opencode --version` run as the agent runs its helpers (posix_spawn, a clean signal
    /// mask), at most 5 s; nothing when it fails.
    public static let system = VersionDetector { program, environment in
        guard let result = try? Subprocess.run(program, ["--version"], environment: environment.values, timeout: .seconds(5)),
              result.status == 0 else { return nil }
        return result.stdout
    }
}
