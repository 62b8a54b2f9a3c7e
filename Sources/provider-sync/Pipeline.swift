import Foundation
import OpenCodeConfig
import ProviderSpec
import Secrets
import Sync

/// The stages every writing command shares: spec -> keys -> rendered config -> plans.
enum Pipeline {
    /// The config with real keys, or the missing ones named. The keychain is opened on the
    /// first lookup, so a spec without keychain keys never touches D-Bus.
    static func render(_ spec: Spec) throws -> RenderedConfig {
        let keys: [String: String]
        var store: LibsecretStore?
        do {
            keys = try KeyResolution.resolve(spec) { name in
                let opened = try store ?? Keychain.open()
                store = opened
                return try Keychain.attempt { () throws(SecretStoreError) in try opened.lookup(name) }
            }
        } catch let missing as MissingSecrets {
            throw CommandFailure(message: missing.description, exitCode: ExitStatus.failed)
        }
        return OpenCodeConfig.render(spec) { name in .value(keys[name] ?? "") }
    }

    static func plans(_ desired: RenderedConfig, _ targets: TargetOptions, options: MergeOptions = MergeOptions()) throws -> [TargetPlan] {
        do {
            return try Workstation.planner(targets, options: options).plan(desired, targets: targets.targets)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    /// Text safe to print: inline keys masked wherever they sit.
    static func masked(_ text: String) -> String {
        redactingAPIKeys(in: text) ?? "(the file does not parse; not shown)"
    }
}
