import OpenCodeConfig
import ProviderSpec
import Secrets
import Sync
import Workstation

/// The spec's keychain keys looked up, then the desired opencode.json rendered.
enum RenderStage {
    static func render(_ spec: Spec, mode: SecretsMode, keyFiles: KeyFiles, locations: Locations,
                       keychain: any SecretStore, revision: String) throws(ReconcileFailure) -> KeyedRender {
        do {
            return try SpecRenderer.render(spec, mode: mode, keyFiles: keyFiles, locations: locations) { try keychain.lookup($0) }
        } catch let missing as MissingSecrets {
            throw ReconcileFailure(.secrets, .keysMissing(missing), revision: revision)
        } catch let error as SecretStoreError {
            throw ReconcileFailure(.secrets, .keychain(error), revision: revision)
        } catch {
            // SpecRenderer throws only what the lookup throws and MissingSecrets.
            throw ReconcileFailure(.secrets, .keychain(.failed(operation: "look up the spec's keys", detail: "\(error)")),
                                   revision: revision)
        }
    }
}
