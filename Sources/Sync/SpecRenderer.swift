import OpenCodeConfig
import ProviderSpec
import Secrets
import SystemIO
import Workstation

/// A spec rendered with its keychain keys, as apply and the agent write it.
public struct KeyedRender: Sendable {
    public var config: RenderedConfig
    /// In the `file` mode: the key files to write, by secret name. Empty in the inline mode.
    public var keyFileValues: [String: String]
    /// Things that work, but not as the spec means them (a key file others can read).
    public var warnings: [String]
}

/// Spec -> keys -> the desired opencode.json content.
public enum SpecRenderer {
    /// Every keychain secret the spec names is looked up first; a missing one throws
    /// `MissingSecrets` naming all of them, and nothing is rendered.
    public static func render(_ spec: Spec, mode: SecretsMode, keyFiles: KeyFiles, locations: Locations,
                              lookup: (String) throws -> String?) throws -> KeyedRender {
        let keys = try KeyResolver.keychainValues(of: spec, lookup: lookup)
        let config = OpenCodeConfig.render(spec) { name in
            mode == .file ? .file(path: keyFiles.path(for: name)) : .value(keys[name] ?? "")
        }
        return KeyedRender(config: config, keyFileValues: mode == .file ? keys : [:],
                           warnings: keyFileWarnings(spec, locations: locations))
    }

    /// `apiKey: {file: PATH}` is read by OpenCode; a file others can read leaks the key.
    static func keyFileWarnings(_ spec: Spec, locations: Locations) -> [String] {
        spec.providers.compactMap { provider in
            guard case .file(let path)? = provider.apiKey else { return nil }
            let expanded: String
            do {
                expanded = try locations.expandingHome(path)
            } catch {
                return "\(provider.id): the key file \(path) cannot be found: \(error)"
            }
            guard let status = (try? FileStatus.of(expanded)) ?? nil else {
                return "\(provider.id): the key file \(path) does not exist; OpenCode will send an empty key"
            }
            guard status.permissions & 0o077 != 0 else { return nil }
            return "\(provider.id): the key file \(path) can be read by others (mode \(String(status.permissions & 0o777, radix: 8))); run chmod 600 \(path)"
        }
    }
}
