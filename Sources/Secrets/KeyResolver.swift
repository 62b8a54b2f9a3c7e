public import ProviderSpec
internal import Redaction
internal import SystemIO
public import Workstation

/// Keychain secrets the spec names that the store does not hold: apply writes nothing and
/// lists every one with the command that stores it.
public struct MissingSecrets: Error, Sendable, Equatable, CustomStringConvertible {
    public var names: [String]

    public init(names: [String]) {
        self.names = names
    }

    public var description: String {
        "the keychain holds no value for \(names.count == 1 ? "this secret" : "these secrets"); nothing was written. Store "
            + (names.count == 1 ? "it" : "each") + " on this workstation with:\n"
            + names.map { "  provider-sync secret set \($0)" }.joined(separator: "\n")
    }
}

/// A keychain secret the spec needs: `apiKey: { keyring: NAME }` of these providers.
public struct KeyringUse: Sendable, Equatable {
    public var name: String
    /// The providers that use it, in the order of the file.
    public var providers: [String]

    public init(name: String, providers: [String]) {
        self.name = name
        self.providers = providers
    }
}

/// A key as found on this workstation: its value, or why there is none.
public enum ResolvedKey: Sendable, Equatable {
    /// The spec names no key.
    case none
    case value(String)
    /// A key is named but cannot be had here (a keychain item not stored, a variable unset):
    /// said in the probe's 401 fix.
    case unavailable(reason: String)
}

/// The one resolver of the spec's key references (`keyring`, `env`, `file`): apply, render,
/// diff and the agent look up keychain keys through it, the probe every kind. Every value it
/// returns is registered with the redactor first.
public enum KeyResolver {
    /// A key file is a line of text; anything near this size is not one.
    public static let keyFileLimit = 1 << 20

    /// Each keychain name the spec's providers use, in spec order, with the providers using it.
    public static func keyringUses(in spec: Spec) -> [KeyringUse] {
        var uses: [KeyringUse] = []
        for provider in spec.providers {
            guard case .keyring(let name)? = provider.apiKey else { continue }
            if let index = uses.firstIndex(where: { $0.name == name }) {
                uses[index].providers.append(provider.id)
            } else {
                uses.append(KeyringUse(name: name, providers: [provider.id]))
            }
        }
        return uses
    }

    /// The keychain names the spec's providers use, in spec order, without repeats.
    public static func keyringNames(in spec: Spec) -> [String] { keyringUses(in: spec).map(\.name) }

    /// Every keychain value the spec names, looked up once each before anything is rendered;
    /// `MissingSecrets` names all that are absent. `lookup` errors (no keychain, a timeout)
    /// pass through unchanged.
    public static func keychainValues<Failure: Error>(of spec: Spec, lookup: (String) throws(Failure) -> String?)
        throws(KeychainValuesError<Failure>) -> [String: String] {
        var values: [String: String] = [:]
        var missing: [String] = []
        for name in keyringNames(in: spec) {
            let found: String?
            do { found = try lookup(name) } catch { throw .lookup(error) }
            if let value = found {
                SecretRedactor.shared.register(value)
                values[name] = value
            } else {
                missing.append(name)
            }
        }
        guard missing.isEmpty else { throw .missing(MissingSecrets(names: missing)) }
        return values
    }

    /// The key `reference` names, wherever this workstation keeps it. Never throws: a key that
    /// cannot be had is a reason, so that a probe can still run and say why it got a 401.
    /// `keychain` is asked only for a `keyring` reference.
    public static func key(_ reference: SecretReference?, locations: Locations,
                           keychain: (String) throws -> String?) -> ResolvedKey {
        let resolved = find(reference, locations: locations, keychain: keychain)
        if case .value(let key) = resolved { SecretRedactor.shared.register(key) }
        return resolved
    }

    private static func find(_ reference: SecretReference?, locations: Locations,
                             keychain: (String) throws -> String?) -> ResolvedKey {
        switch reference {
        case nil:
            return .none
        case .keyring(let name)?:
            do {
                if let key = try keychain(name) { return .value(key) }
                return .unavailable(reason: "the keychain holds no value for \(name); store it with: provider-sync secret set \(name)")
            } catch {
                return .unavailable(reason: "the keychain could not be read: \(error)")
            }
        case .env(let variable)?:
            if let key = locations.environment[variable] { return .value(key) }
            return .unavailable(reason: "the environment variable \(variable) is not set here (OpenCode reads it at start-up)")
        case .file(let path)?:
            // A FIFO or device here would hang the probe (and the agent's health check): refused unread.
            guard let file = try? locations.expandingHome(path),
                  let bytes = (try? FileReader.read(file, limit: keyFileLimit)) ?? nil else {
                return .unavailable(reason: "the key file \(path) cannot be read")
            }
            return .value(trimmed(String(decoding: bytes, as: UTF8.self)))
        }
    }

    /// Without the line break an editor adds, or spaces around the key.
    private static func trimmed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[start..<end])
        return String(kept)
    }
}

/// Why the spec's keychain keys could not all be had: some are not stored (all named at once),
/// or the lookup itself failed (the keychain locked or gone), with the lookup's own error.
public enum KeychainValuesError<Lookup: Error>: Error {
    case missing(MissingSecrets)
    case lookup(Lookup)
}
