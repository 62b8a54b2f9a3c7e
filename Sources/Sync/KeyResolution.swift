import OpenCodeConfig
import ProviderSpec

/// Keychain secrets the spec names that the store does not hold: apply writes nothing and
/// lists every one with the command that stores it.
public struct MissingSecrets: Error, Sendable, CustomStringConvertible {
    public var names: [String]

    public var description: String {
        "the keychain holds no value for \(names.count == 1 ? "this secret" : "these secrets"); nothing was written. Store "
            + (names.count == 1 ? "it" : "each") + " on this workstation with:\n"
            + names.map { "  provider-sync secret set \($0)" }.joined(separator: "\n")
    }
}

/// Looks up every keychain secret a spec names, once each, before anything is rendered.
public enum KeyResolution {
    /// The keychain names the spec's providers use, in spec order, without repeats.
    public static func keyringNames(in spec: Spec) -> [String] {
        var seen = Set<String>()
        return spec.providers.compactMap { provider in
            guard case .keyring(let name)? = provider.apiKey, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// Every value, or `MissingSecrets` naming all that are absent. `lookup` errors (no
    /// keychain, a timeout) pass through unchanged.
    public static func resolve(_ spec: Spec, lookup: (String) throws -> String?) throws -> [String: String] {
        var values: [String: String] = [:]
        var missing: [String] = []
        for name in keyringNames(in: spec) {
            if let value = try lookup(name) { values[name] = value } else { missing.append(name) }
        }
        guard missing.isEmpty else { throw MissingSecrets(names: missing) }
        return values
    }
}
