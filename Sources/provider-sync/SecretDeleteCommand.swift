import ArgumentParser
import CLICommon
import Secrets

struct SecretDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove an API key from the OS keychain.",
        discussion: "Removes every keychain item with that name. Exit codes: 0 deleted, 1 there was none, 2 keychain error."
    )

    @OptionGroup var secret: SecretNameArgument

    func run() throws {
        let name = secret.name
        let store = try Keychain.open()
        guard try Keychain.attempt({ () throws(SecretStoreError) in try store.delete(name) }) else {
            throw CommandFailure(message: "no secret named '\(name)' in the keyring; nothing was deleted", exitCode: ExitStatus.failed)
        }
        Terminal.stderr("deleted '\(name)' from the keyring\n")
    }
}
