import ArgumentParser
internal import CLICommon
internal import Secrets
internal import Sync

struct SecretDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove an API key from the OS keychain, and its key file.",
        discussion: """
            Removes every keychain item with that name, and the key file the `file` secrets mode \
            wrote for it (<state>/keys/NAME), with any other key file no target names any more. \
            Exit codes: 0 deleted, 1 there was none, 2 keychain or I/O error.
            """
    )

    @OptionGroup var secret: SecretNameArgument

    @Option(help: "Seconds to wait for another provider-sync that is writing.")
    var lockTimeout: Int = 10

    func run() throws {
        let name = secret.name
        let store = try Keychain.open()
        let inKeychain = try Keychain.attempt({ () throws(SecretStoreError) in try store.delete(name) })
        let keyFiles = KeyFiles(state: try ThisWorkstation.stateLocation())
        let (removed, namedBy): ([String], [String])
        do {
            (removed, namedBy) = try WriteLock.withLock(state: keyFiles.state, timeout: .seconds(lockTimeout)) {
                let namedBy = (try? keyFiles.targetsNaming(name)) ?? []
                return (try keyFiles.removeUnused(forgetting: [name]), namedBy)
            }
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        if inKeychain { Terminal.stderr("deleted '\(name)' from the keyring\n") }
        if removed.contains(name) {
            Terminal.stderr("deleted its key file \(ThisWorkstation.display(keyFiles.path(for: name)))\n")
            for target in namedBy {
                Terminal.warning("\(ThisWorkstation.display(target)) still names that key file; OpenCode finds no key there until "
                    + "you store a new value (`provider-sync secret set \(name)`) and apply, or apply a spec without it")
            }
        }
        for other in removed where other != name {
            Terminal.stderr("deleted the key file of '\(other)': no target names it any more\n")
        }
        guard inKeychain || removed.contains(name) else {
            throw CommandFailure(message: "no secret named '\(name)' in the keyring; nothing was deleted", exitCode: ExitStatus.failed)
        }
    }
}
