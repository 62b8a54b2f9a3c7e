import Foundation
import ProviderSpec
import Redaction
import Secrets
import TestSupport
import Testing
import Workstation

/// The one resolver of the spec's key references: apply and the agent ask it for keychain
/// keys, the probe for every kind.
@Suite("keys: the one resolver")
struct KeyResolverTests {
    func spec(_ keys: [SecretReference?]) -> Spec {
        Spec(providers: keys.enumerated().map { index, key in
            Provider(id: "p\(index)", name: "P\(index)", url: "http://localhost:8000/v1", apiKey: key, models: [Model(id: "m")])
        })
    }

    func locations(_ environment: [String: String]) -> Locations {
        Locations(platform: .linux, environment: Environment(environment), currentDirectory: "/work")
    }

    @Test func keychainNamesOnceEachWithTheirProviders() {
        let spec = spec([.keyring("a"), .env("E"), .keyring("b"), .keyring("a"), nil])
        #expect(KeyResolver.keyringNames(in: spec) == ["a", "b"])
        #expect(KeyResolver.keyringUses(in: spec) == [KeyringUse(name: "a", providers: ["p0", "p3"]), KeyringUse(name: "b", providers: ["p2"])])
    }

    @Test func everyMissingKeychainKeyIsNamedAtOnce() throws {
        let spec = spec([.keyring("a"), .keyring("b"), .keyring("c")])
        var asked: [String] = []
        do {
            _ = try KeyResolver.keychainValues(of: spec) { (name: String) throws(SecretStoreError) -> String? in
                asked.append(name)
                return name == "b" ? "sk-resolver-b-0001" : nil
            }
            Issue.record("no error for two missing keys")
        } catch {
            guard case .missing(let missing) = error else { Issue.record("expected missing keys, got \(error)"); return }
            #expect(missing == MissingSecrets(names: ["a", "c"]))
        }
        #expect(asked == ["a", "b", "c"])
        // The lookup's own failure comes back as it was thrown, typed.
        #expect {
            _ = try KeyResolver.keychainValues(of: spec) { (_: String) throws(SecretStoreError) -> String? in throw .locked }
        } throws: { error in
            guard let failure = error as? KeychainValuesError<SecretStoreError>, case .lookup(.locked) = failure else { return false }
            return true
        }
        let values = try KeyResolver.keychainValues(of: spec) { "sk-resolver-\($0)-0002" }
        #expect(values == ["a": "sk-resolver-a-0002", "b": "sk-resolver-b-0002", "c": "sk-resolver-c-0002"])
        #expect(SecretRedactor.shared.redact("sk-resolver-c-0002") == SecretRedactor.mask)
    }

    @Test func eachKindOfReference() throws {
        let temporary = try TemporaryFolder(prefix: "key-resolver")
        defer { temporary.remove() }
        let folder = temporary.path
        try "  sk-resolver-file-0003\n".write(toFile: folder + "/key", atomically: true, encoding: .utf8)
        let here = locations(["HOME": folder, "KEY": "sk-resolver-env-0004"])
        let keychain: (String) throws -> String? = { $0 == "k" ? "sk-resolver-kc-0005" : nil }
        #expect(KeyResolver.key(nil, locations: here, keychain: keychain) == ResolvedKey.none)
        #expect(KeyResolver.key(.keyring("k"), locations: here, keychain: keychain) == .value("sk-resolver-kc-0005"))
        #expect(KeyResolver.key(.env("KEY"), locations: here, keychain: keychain) == .value("sk-resolver-env-0004"))
        #expect(KeyResolver.key(.file("~/key"), locations: here, keychain: keychain) == .value("sk-resolver-file-0003"))
        #expect(SecretRedactor.shared.redact("sk-resolver-file-0003") == SecretRedactor.mask)
        #expect(KeyResolver.key(.keyring("none"), locations: here, keychain: keychain)
            == .unavailable(reason: "the keychain holds no value for none; store it with: provider-sync secret set none"))
        #expect(KeyResolver.key(.file("~/key"), locations: locations([:]), keychain: keychain)
            == .unavailable(reason: "the key file ~/key cannot be read"))
        // A FIFO would block the probe: refused unread.
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        #expect(KeyResolver.key(.file(folder + "/fifo"), locations: here, keychain: keychain)
            == .unavailable(reason: "the key file \(folder)/fifo cannot be read"))
    }
}
