import ArgumentParser
internal import CLICommon
internal import OpenCodeConfig
internal import ProviderSpec
internal import Sync
internal import Workstation

/// How keychain keys reach OpenCode on this workstation.
struct SecretsOptions: ParsableArguments {
    @Option(name: .customLong("secrets"), help: ArgumentHelp(
        "inline: keys written into opencode.json (0600); file: keys in 0600 files of provider-sync's, referenced as {file:...}; auth: keys in OpenCode's auth.json (0600), no apiKey in opencode.json. Default: the spec's `secrets`, else inline.",
        valueName: "mode"))
    var override: SecretsMode?

    func mode(for spec: Spec) -> SecretsMode { override ?? spec.secrets ?? .inline }
}

extension SecretsMode: ExpressibleByArgument {}

/// Which files to write, and for which OS's conventions.
struct TargetOptions: ParsableArguments {
    @Option(name: .customLong("target"), help: ArgumentHelp(
        "\(TargetName.choicesMarkingDefault), or the path of an opencode.json; repeat for several.",
        valueName: "target"))
    var targetNames: [String] = []

    @Flag(help: "The managed target also gets enabled_providers (every provider the app can enable, and the spec's): it overrides every user's own list.")
    var managedEnabledProviders = false

    @Option(help: "macos, windows or linux: whose paths to use. Default: this machine's.")
    var platform: Platform = .current

    var targets: [Target] {
        targetNames.isEmpty ? [.default] : targetNames.compactMap(Target.init(parsing:))
    }

    func validate() throws {
        if targetNames.contains(where: { $0.isEmpty }) { throw ValidationError("--target needs a name or a path") }
    }
}

extension Platform: ExpressibleByArgument {}

/// This workstation as the commands see it: `Locations` of this process, a location that
/// cannot be worked out ending the command (exit 2).
enum ThisWorkstation {
    static func locations(_ platform: Platform = .current) -> Locations { .current(platform: platform) }

    static func stateLocation(_ platform: Platform = .current) throws -> StateLocation {
        do {
            return try locations(platform).stateLocation()
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    static func planner(_ targets: TargetOptions, options: MergeOptions = MergeOptions()) throws -> Planner {
        var planner = Planner(state: try stateLocation(targets.platform), locations: locations(targets.platform), options: options)
        planner.managedEnabledProviders = targets.managedEnabledProviders
        return planner
    }

    /// An absolute path (`~` expanded, a relative one from the working folder).
    static func absolute(_ path: String) throws -> String {
        do {
            return try locations().absolute(path)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    /// "~/..." for paths under the home folder: shorter, and safe to paste.
    static func display(_ path: String) -> String { locations().displayed(path) }
}
