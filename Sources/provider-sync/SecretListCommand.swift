import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import JSONCore
internal import ProviderSpec
internal import Secrets

struct SecretListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the names of the API keys in the OS keychain (never their values).",
        discussion: """
            With --spec, also tells which of them the spec uses and which it needs that are \
            missing, with the command that stores each. Use `secret check` for an exit code.
            """
    )

    @Option(help: ArgumentHelp("Mark the secrets this spec file needs, and the missing ones.", valueName: "PATH"))
    var spec: String?

    func run() throws {
        let needs = try spec.map(SpecSecrets.load) ?? []
        let store = try Keychain.open()
        let items = try Keychain.attempt { () throws(SecretStoreError) in try store.list() }
        guard let spec else {
            for item in items { Terminal.stdout(item.name + "\n") }
            if items.isEmpty { Terminal.stderr("no secrets in the keyring\n") }
            return
        }
        let stored = Set(items.map(\.name))
        let needed = Dictionary(needs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(stored).union(needed.keys).sorted()
        let width = names.map(\.count).max() ?? 0
        for name in names {
            let padded = name.padded(toWidth: width)
            switch (stored.contains(name), needed[name]) {
            case (true, let need?):
                Terminal.stdout("\(padded)  set      used by \(need.providerList)\n")
            case (true, nil):
                Terminal.stdout("\(padded)  set      not used by \(spec)\n")
            case (false, let need?):
                Terminal.stdout("\(padded)  missing  used by \(need.providerList); store it with: provider-sync secret set \(name)\n")
            case (false, nil):
                break
            }
        }
        if names.isEmpty { Terminal.stderr("no secrets in the keyring, and \(spec) needs none\n") }
    }
}

/// The keychain secrets a spec needs (`KeyResolver.keyringUses`), from a spec file.
enum SpecSecrets {
    /// Loads the spec; an unreadable or invalid spec ends the command (exit 2) after showing
    /// its diagnostics.
    static func load(_ path: String) throws -> [KeyringUse] {
        let invalid = CommandFailure(message: "\(path) is not a valid spec, so the secrets it needs are unknown; fix it first (provider-sync validate \(path))")
        return KeyResolver.keyringUses(in: try SpecFile.load(path, invalid: invalid).0)
    }
}

extension KeyringUse {
    var providerList: String {
        (providers.count == 1 ? "provider " : "providers ") + providers.joined(separator: ", ")
    }
}
