import ArgumentParser
import CLICommon
import FoundationEssentials
import OpenCodeConfig
import ProviderSpec
import Sync

/// How keychain keys reach OpenCode on this workstation.
struct SecretsOptions: ParsableArguments {
    @Option(name: .customLong("secrets"), help: ArgumentHelp(
        "inline: keys written into opencode.json (0600); file: keys in 0600 files of provider-sync's, referenced as {file:...}. Default: the spec's `secrets`, else inline.",
        valueName: "mode"))
    var override: SecretsMode?

    func mode(for spec: Spec) -> SecretsMode { override ?? spec.secrets ?? .inline }
}

extension SecretsMode: ExpressibleByArgument {}

/// Which files to write, and for which OS's conventions.
struct TargetOptions: ParsableArguments {
    @Option(name: .customLong("target"), help: ArgumentHelp(
        "openwork (default), accomplish, opencode, or the path of an opencode.json; repeat for several.",
        valueName: "target"))
    var targetNames: [String] = []

    @Option(help: "macos, windows or linux: whose paths to use. Default: this machine's.")
    var platform: Platform = .current

    var targets: [Target] {
        targetNames.isEmpty ? [.openwork] : targetNames.compactMap(Target.init(parsing:))
    }

    func validate() throws {
        if targetNames.contains(where: { $0.isEmpty }) { throw ValidationError("--target needs a name or a path") }
    }
}

extension Platform: ExpressibleByArgument {}

/// The process environment and the state folder, for the commands that touch files.
enum Workstation {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static func stateLocation(_ platform: Platform) throws -> StateLocation {
        do {
            return try StateLocation(platform: StatePlatform(rawValue: platform.rawValue) ?? .current, environment: environment)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    static func planner(_ targets: TargetOptions, options: MergeOptions = MergeOptions()) throws -> Planner {
        Planner(state: try stateLocation(targets.platform), platform: targets.platform, environment: environment, options: options)
    }

    /// "~/..." for paths under HOME: shorter, and safe to paste.
    static func display(_ path: String) -> String {
        guard let home = environment["HOME"], !home.isEmpty, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}
