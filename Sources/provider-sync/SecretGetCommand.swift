import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import Secrets

struct SecretGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Tell whether an API key is stored (its length and date, never the value unless --reveal).",
        discussion: """
            Prints 'NAME: set (N characters), modified DATE'. With --reveal it prints the value \
            itself and a newline on standard output, for a script; this is the only output of the \
            tool that shows a secret. Exit codes: 0 stored, 1 not stored, 2 keychain error.
            """
    )

    @OptionGroup var secret: SecretNameArgument

    @Flag(help: "Print the value itself on standard output.")
    var reveal = false

    func run() throws {
        let name = secret.name
        let store = try Keychain.open()
        guard let value = try Keychain.attempt({ () throws(SecretStoreError) in try store.lookup(name) }) else {
            throw Keychain.failure(.missing(name: name))
        }
        if reveal {
            Terminal.stdoutRevealingSecrets(value + "\n")
            return
        }
        var line = "\(name): set (\(Plural.characters(value.count)))"
        // The date is a courtesy: the value was found, so a failure to list does not fail the command.
        if let modified = (try? store.list())?.first(where: { $0.name == name })?.modified {
            line += ", modified " + modified.formatted(.iso8601)
        }
        Terminal.stdout(line + "\n")
    }
}
