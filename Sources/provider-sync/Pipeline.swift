internal import CLICommon
import FoundationEssentials
internal import OpenCodeConfig
internal import ProviderSpec
internal import Secrets
internal import Sync
internal import Workstation

/// The stages every writing command shares: spec -> keys -> rendered config -> plans.
enum Pipeline {
    /// The config with real keys, or the missing ones named, plus the key values the `file`
    /// mode writes to key files. The keychain is opened on the first lookup, so a spec without
    /// keychain keys never touches D-Bus.
    static func render(_ spec: Spec, mode: SecretsMode, keyFiles: KeyFiles, targets: [Target]) throws -> (RenderedConfig, keys: [String: String]) {
        var store: LibsecretStore?
        let rendered: KeyedRender
        do {
            rendered = try SpecRenderer.render(spec, mode: mode, keyFiles: keyFiles, locations: ThisWorkstation.locations(),
                                               targets: targets) { (name: String) throws(CommandFailure) -> String? in
                let opened: LibsecretStore
                if let store { opened = store } else { opened = try Keychain.open() }
                store = opened
                return try Keychain.attempt { () throws(SecretStoreError) in try opened.lookup(name) }
            }
        } catch {
            switch error {
            case .keysMissing(let missing): throw CommandFailure(message: missing.description, exitCode: ExitStatus.failed)
            case .keyInManagedFile(let refused): throw CommandFailure(message: refused.description)
            case .lookup(let failure): throw failure
            }
        }
        for warning in rendered.warnings { Terminal.warning(warning) }
        return (rendered.config, rendered.keyFileValues)
    }

    static func plans(_ desired: RenderedConfig, _ targets: TargetOptions, options: MergeOptions = MergeOptions()) throws -> [TargetPlan] {
        do {
            return try ThisWorkstation.planner(targets, options: options).plan(desired, targets: targets.targets)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    /// Text safe to print: inline keys masked wherever they sit (in auth.json, every credential).
    static func masked(_ text: String, role: TargetFile.Role = .config) -> String {
        let masked = role == .authStore ? redactingAuthKeys(in: text) : redactingAPIKeys(in: text)
        return masked ?? "(the file does not parse; not shown)"
    }
}
