public import OpenCodeConfig
public import ProviderSpec
public import Secrets
internal import SystemIO
public import Workstation

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
    /// The spec's providers whose key would be written into a file as a value or a `{file:}`
    /// (keychain keys outside the `auth` mode, key files of the spec): none may go into the
    /// managed file, which every user reads. Known before the keychain is asked.
    public static func providersWithWrittenKeys(_ spec: Spec, mode: SecretsMode) -> [String] {
        spec.providers.compactMap { provider in
            switch provider.apiKey {
            case .keyring?: mode == .auth ? nil : provider.id
            case .file?: provider.id
            case .env?, nil: nil
            }
        }
    }

    /// The managed file alone needs no keychain key: in the `auth` mode each user's own apply
    /// stores them in their auth.json.
    public static func needsKeys(for targets: [Target], mode: SecretsMode) -> Bool {
        !(mode == .auth && targets.allSatisfy(\.isManaged))
    }

    /// Every keychain secret the spec names is looked up first; a missing one throws
    /// `MissingSecrets` naming all of them, and nothing is rendered.
    public static func render<Lookup: Error>(_ spec: Spec, mode: SecretsMode, keyFiles: KeyFiles, locations: Locations,
                                             targets: [Target] = [], lookup: (String) throws(Lookup) -> String?)
        throws(RenderError<Lookup>) -> KeyedRender {
        if targets.contains(where: \.isManaged) {
            let keyed = providersWithWrittenKeys(spec, mode: mode)
            if !keyed.isEmpty {
                throw .keyInManagedFile(TargetPlanError(target: TargetName.managed.rawValue, path: locations.opencodeManagedFolder(),
                                                        problem: .keyInManagedFile(keyed)))
            }
        }
        var keys: [String: String] = [:]
        if needsKeys(for: targets, mode: mode) {
            do {
                keys = try KeyResolver.keychainValues(of: spec, lookup: lookup)
            } catch {
                switch error {
                case .missing(let missing): throw .keysMissing(missing)
                case .lookup(let failure): throw .lookup(failure)
                }
            }
        }
        var config = OpenCodeConfig.render(spec) { name in
            switch mode {
            case .inline: .value(keys[name] ?? "")
            case .file: .file(path: keyFiles.path(for: name))
            case .auth: .omitted
            }
        }
        if mode == .auth { config.authEntries = authEntries(spec, keys: keys) }
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

/// Why the spec could not be rendered with its keys: a key that would go into the managed file
/// (readable by every user), keychain keys not stored, or the lookup's own failure.
public enum RenderError<Lookup: Error>: Error {
    case keyInManagedFile(TargetPlanError)
    case keysMissing(MissingSecrets)
    case lookup(Lookup)
}
