import ArgumentParser

/// Placeholder: the keychain commands are being written (secrets issue).
struct SecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Manage API keys in the OS keychain."
    )
}
