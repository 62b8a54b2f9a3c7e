import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import Secrets

struct SecretCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that every keychain secret a spec needs is stored on this workstation.",
        discussion: """
            Lists each secret the spec's providers name with `apiKey: { keyring: NAME }`, and for \
            each missing one the command that stores it. A spec that needs none is fine without \
            a keychain. Exit codes: 0 all stored, 1 some missing, 2 invalid spec or keychain error.
            """
    )

    @Argument(help: "The spec file.")
    var spec = "providers.yaml"

    func run() throws {
        let needs = try SpecSecrets.load(spec)
        guard !needs.isEmpty else {
            Terminal.stderr("\(spec) needs no keyring secrets\n")
            return
        }
        let store = try Keychain.open()
        var missing = 0
        for need in needs {
            let stored = try Keychain.attempt { () throws(SecretStoreError) in try store.lookup(need.name) != nil }
            if stored {
                Terminal.stdout("set      \(need.name) (\(need.providerList))\n")
            } else {
                missing += 1
                Terminal.stdout("missing  \(need.name) (\(need.providerList)): provider-sync secret set \(need.name)\n")
            }
        }
        let all = needs.count == 1 ? "the 1 keyring secret" : "all \(needs.count) keyring secrets"
        guard missing > 0 else {
            Terminal.stderr("\(all) that \(spec) needs \(needs.count == 1 ? "is" : "are") stored\n")
            return
        }
        Terminal.error("\(missing) of \(needs.count) keyring secrets that \(spec) needs \(missing == 1 ? "is" : "are") missing; "
            + "store \(missing == 1 ? "it" : "each") with the command shown")
        throw ExitCode(ExitStatus.failed)
    }
}
