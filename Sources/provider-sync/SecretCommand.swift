import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import Secrets
internal import Workstation

struct SecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Manage API keys in the OS keychain.",
        discussion: """
            A spec names a key with `apiKey: { keyring: NAME }`; each workstation stores its value \
            once with `provider-sync secret set NAME`. On Linux the keychain is the Secret Service \
            (gnome-keyring, KeePassXC) on the D-Bus session bus; `secret-tool store --label L name NAME` \
            stores an item this tool reads. No command prints a value except `secret get --reveal`. \
            Every call to the keychain has a deadline of 5 s (PROVIDER_SYNC_SECRET_TIMEOUT_MS). \
            Exit codes: 0 success, 1 a secret is missing, 2 usage or keychain error (no session bus, \
            no Secret Service, locked keyring, no answer).
            """,
        subcommands: [
            SecretSetCommand.self, SecretGetCommand.self, SecretDeleteCommand.self, SecretListCommand.self,
            SecretCheckCommand.self,
        ]
    )
}

/// The secret name argument, checked against the spec's `keyring:` pattern.
struct SecretNameArgument: ParsableArguments {
    @Argument(help: "The secret's name, as in `apiKey: { keyring: NAME }`: letters, digits, '.', '_', '-'.")
    var name: String

    func validate() throws {
        guard SecretName.isValid(name) else { throw ValidationError(SecretStoreError.invalidName(name).description) }
    }
}

/// The keychain of this workstation, and how its errors end a command.
enum Keychain {
    /// The libsecret store, with the deadline PROVIDER_SYNC_SECRET_TIMEOUT_MS asks for.
    static func open() throws(CommandFailure) -> LibsecretStore {
        try attempt { () throws(SecretStoreError) in try LibsecretStore(environment: Environment.process().values) }
    }

    /// Runs a store call; a store error ends the command with its message and exit code 2
    /// (1 for a missing secret).
    static func attempt<T>(_ body: () throws(SecretStoreError) -> T) throws(CommandFailure) -> T {
        do {
            return try body()
        } catch {
            throw failure(error)
        }
    }

    static func failure(_ error: SecretStoreError) -> CommandFailure {
        switch error {
        case .missing: CommandFailure(message: error.description, exitCode: ExitStatus.failed)
        default: CommandFailure(message: error.description, exitCode: ExitStatus.usage)
        }
    }
}
