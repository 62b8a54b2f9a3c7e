internal import OpenCodeLayers
internal import SystemIO
internal import Workstation

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
