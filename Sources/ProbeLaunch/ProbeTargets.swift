internal import OpenCodeConfig
public import ProbeWire
public import ProviderSpec
internal import Secrets
public import Workstation

/// The spec's providers as the probe sees them, with their keys resolved where this
/// workstation keeps them (`KeyResolver`, which registers them with the redactor). A key that
/// cannot be had is not an error here: the probe then sends none and its 401 fix names why.
public enum ProbeTargets {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
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
    public static func make(_ spec: Spec, only ids: [String] = [], locations: Locations,
                            keychain: (String) throws -> String?) throws(Failure) -> [ProbeTarget] {
        let unknown = ids.filter { spec.provider($0) == nil }
        guard unknown.isEmpty else { throw .unknownProviders(unknown, known: spec.providers.map(\.id)) }
        return spec.providers.filter { ids.isEmpty || ids.contains($0.id) }.map { provider in
            var target = ProbeTarget(id: provider.id, baseURL: baseURL(for: provider),
                                     headers: provider.headers.map { NameValue($0.name, $0.value) },
                                     queryParams: provider.queryParams.map { NameValue($0.name, $0.value) },
                                     models: provider.models.map(\.id),
                                     caFile: provider.caFile.map { (try? locations.expandingHome($0)) ?? $0 })
            switch KeyResolver.key(provider.apiKey, locations: locations, keychain: keychain) {
            case .none: break
            case .value(let key): target.apiKey = key
            case .unavailable(let reason): target.missingKeyReason = reason
            }
            return target
        }
    }
}
