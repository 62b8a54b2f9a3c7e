import FoundationEssentials
import JSONCore
import OpenCodeConfig
import ProviderSpec
import Secrets
import SystemIO

/// The spec's providers as the probe sees them, with their keys resolved where this
/// workstation keeps them and registered with the redactor before anything can print them. A
/// key that cannot be had is not an error here: the probe then sends none and its 401 fix
/// names why.
public enum ProbeTargets {
    public enum Failure: Error, CustomStringConvertible {
        case unknownProviders([String], known: [String])
        public var description: String {
            switch self {
            case .unknownProviders(let ids, let known):
                "no provider \(ids.joined(separator: ", ")) in the spec; it has: \(known.joined(separator: ", "))"
            }
        }
    }

    /// `keychain` answers a keychain item's value, nil when none is stored, and throws when the
    /// keychain cannot be read; it is called only for providers whose key is in the keychain.
    public static func make(_ spec: Spec, only ids: [String] = [], environment: [String: String],
                            keychain: (String) throws -> String?) throws(Failure) -> [ProbeTarget] {
        let unknown = ids.filter { spec.provider($0) == nil }
        guard unknown.isEmpty else { throw .unknownProviders(unknown, known: spec.providers.map(\.id)) }
        return spec.providers.filter { ids.isEmpty || ids.contains($0.id) }.map { provider in
            let (key, reason) = resolve(provider.apiKey, environment: environment, keychain: keychain)
            if let key { SecretRedactor.shared.register(key) }
            return ProbeTarget(id: provider.id, baseURL: baseURL(for: provider), apiKey: key, missingKeyReason: reason,
                               headers: provider.headers.map { ($0.name, $0.value) },
                               queryParams: provider.queryParams.map { ($0.name, $0.value) }, models: provider.models.map(\.id),
                               caFile: provider.caFile.map { expandingHome($0, environment) })
        }
    }

    /// The key, or why there is none.
    static func resolve(_ source: SecretReference?, environment: [String: String],
                        keychain: (String) throws -> String?) -> (key: String?, reason: String?) {
        switch source {
        case nil:
            return (nil, nil)
        case .keyring(let name)?:
            do {
                if let key = try keychain(name) { return (key, nil) }
                return (nil, "the keychain holds no value for \(name); store it with: provider-sync secret set \(name)")
            } catch {
                return (nil, "the keychain could not be read: \(error)")
            }
        case .env(let variable)?:
            if let key = environment[variable], !key.isEmpty { return (key, nil) }
            return (nil, "the environment variable \(variable) is not set here (OpenCode reads it at start-up)")
        case .file(let path)?:
            // A FIFO or device here would hang the probe (and the agent's health check): refused unread.
            guard let bytes = (try? FileReader.read(expandingHome(path, environment), limit: 1 << 20)) ?? nil else {
                return (nil, "the key file \(path) cannot be read")
            }
            return (String(decoding: bytes, as: UTF8.self).trimming(while: \.isWhitespace), nil)
        }
    }

    static func expandingHome(_ path: String, _ environment: [String: String]) -> String {
        path.hasPrefix("~/") ? (environment["HOME"] ?? "~") + path.dropFirst(1) : path
    }
}
