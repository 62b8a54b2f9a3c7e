internal import OpenCodeConfig
internal import ProviderSpec
internal import Secrets
internal import Sync
internal import Workstation

/// The spec's keychain keys looked up, then the desired opencode.json rendered.
enum RenderStage {
    static func render(_ spec: Spec, mode: SecretsMode, keyFiles: KeyFiles, locations: Locations, targets: [Target],
                       keychain: any SecretStore, revision: String) throws(ReconcileFailure) -> KeyedRender {
        do {
            return try SpecRenderer.render(spec, mode: mode, keyFiles: keyFiles, locations: locations, targets: targets) {
                (name: String) throws(SecretStoreError) -> String? in try keychain.lookup(name)
            }
        } catch {
            switch error {
            case .keyInManagedFile(let refused):
                // A key that would go into the managed file: the target needs a person.
                throw ReconcileFailure(.write, .write(refused), revision: revision)
            case .keysMissing(let missing):
                throw ReconcileFailure(.secrets, .keysMissing(missing), revision: revision)
            case .lookup(let error):
                throw ReconcileFailure(.secrets, .keychain(error), revision: revision)
            }
        }
    }
}
