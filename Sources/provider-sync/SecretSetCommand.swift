import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import Redaction
internal import Secrets
internal import SystemIO
internal import Workstation

struct SecretSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Store an API key in the OS keychain.",
        discussion: """
            Reads the value from the terminal without echoing it, or from standard input when that \
            is not a terminal (one trailing newline is dropped), or from an environment variable \
            with --from-env. It never prompts when standard input is not a terminal. An empty \
            value, or one with a line break inside, is refused (exit 2). An earlier value with \
            the same name is replaced. Example: printf %s "$KEY" | provider-sync secret set NAME
            """
    )

    @OptionGroup var secret: SecretNameArgument

    @Option(name: .customLong("from-env"), help: ArgumentHelp("Read the value from this environment variable.", valueName: "VAR"))
    var fromEnv: String?

    @Option(help: "The label keychain apps (Seahorse, KeePassXC) show. Default: 'provider-sync: NAME'.")
    var label: String?

    func run() throws {
        let name = secret.name
        let store = try Keychain.open()
        // Reach the keychain before asking for the value: a user should not type a key for nothing.
        try Keychain.attempt { () throws(SecretStoreError) in try store.connect() }
        let value = try SecretInput.read(name: name, fromEnvironment: fromEnv)
        try Keychain.attempt { () throws(SecretStoreError) in
            try store.store(name, value: value, label: label ?? "provider-sync: \(name)")
        }
        Terminal.stderr("stored '\(name)' in the keyring (\(Plural.characters(value.count)))\n")
    }
}

/// Where `secret set` gets the value: never from the command line, where `ps` and shell
/// history would show it.
enum SecretInput {
    static func read(name: String, fromEnvironment variable: String?) throws(CommandFailure) -> String {
        let value: String
        let source: String
        if let variable {
            guard let text = Environment.process().values[variable] else {
                throw CommandFailure(message: "\(variable) is not set; export it, or leave out --from-env to type the value")
            }
            value = text
            source = variable
        } else if StandardStream.input.isTerminal {
            value = try HiddenPrompt.readLine(prompt: "Value of '\(name)' (typing is not shown): ")
            source = "the terminal"
        } else {
            value = try fromStandardInput()
            source = "standard input"
        }
        SecretRedactor.shared.register(value)
        guard !value.isEmpty else {
            throw CommandFailure(message: "refusing to store an empty value for '\(name)' (read from \(source)); "
                + "nothing was stored. Pipe the key in: printf %s \"$KEY\" | provider-sync secret set \(name)")
        }
        if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) {
            throw CommandFailure(message: "the value for '\(name)' (read from \(source)) has a line break or NUL inside; "
                + "an API key is one line. Nothing was stored")
        }
        if let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace {
            Terminal.warning("the value for '\(name)' starts or ends with white space; it is stored as given")
        }
        return value
    }

    /// All of standard input, less one trailing newline ("\n" or "\r\n").
    static func fromStandardInput() throws(CommandFailure) -> String {
        // An API key is short; 1 MiB leaves room for any token and stops `< /dev/zero`.
        var bytes: [UInt8]
        do {
            bytes = try StandardStream.input.readAll(limit: 1 << 20)
        } catch {
            throw CommandFailure(message: "\(error); nothing was stored")
        }
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure(message: "the value on standard input is not UTF-8 text; nothing was stored")
        }
        return text
    }
}

/// Reads one line from the terminal with echo off (`HiddenLine`), the prompt through `Terminal`.
enum HiddenPrompt {
    static func readLine(prompt: String) throws(CommandFailure) -> String {
        let line: [UInt8]
        do {
            line = try HiddenLine.read { Terminal.stderr(prompt) }
        } catch {
            throw CommandFailure(message: error.step == .echoOff ? "\(error); pipe the value in instead" : "\(error)")
        }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw CommandFailure(message: "the value typed is not UTF-8 text; nothing was stored")
        }
        return text
    }
}

enum Plural {
    static func characters(_ count: Int) -> String { count == 1 ? "1 character" : "\(count) characters" }
}
