import Foundation
import OpenCodeConfig
import ProviderSpec
import Secrets
import Sync

/// The stages every writing command shares: spec -> keys -> rendered config -> plans.
enum Pipeline {
    /// The config with real keys, or the missing ones named, plus the key values the `file`
    /// mode writes to key files. The keychain is opened on the first lookup, so a spec without
    /// keychain keys never touches D-Bus.
    static func render(_ spec: Spec, mode: SecretsMode, keyFiles: KeyFiles) throws -> (RenderedConfig, keys: [String: String]) {
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
        warnAboutKeyFiles(spec)
        let rendered = OpenCodeConfig.render(spec) { name in
            mode == .file ? .file(path: keyFiles.path(for: name)) : .value(keys[name] ?? "")
        }
        return (rendered, mode == .file ? keys : [:])
    }

    /// `apiKey: {file: PATH}` is read by OpenCode; a file others can read leaks the key.
    static func warnAboutKeyFiles(_ spec: Spec) {
        for provider in spec.providers {
            guard case .file(let path)? = provider.apiKey else { continue }
            let expanded = path.hasPrefix("~/") ? (Workstation.environment["HOME"] ?? "~") + path.dropFirst(1) : path
            var info = stat()
            if stat(expanded, &info) != 0 {
                Terminal.warning("\(provider.id): the key file \(path) does not exist; OpenCode will send an empty key")
            } else if info.st_mode & 0o077 != 0 {
                Terminal.warning("\(provider.id): the key file \(path) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 \(path)")
            }
        }
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
