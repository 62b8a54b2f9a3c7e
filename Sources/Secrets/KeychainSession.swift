import FoundationEssentials
internal import SystemIO

/// The keychain for one run or one agent cycle: opened on the first call (a spec without
/// keychain keys and a repository without a token never touch D-Bus), with libsecret's deadline
/// on every call.
public final class KeychainSession: SecretStore, @unchecked Sendable {
    private let environment: [String: String]
    /// Guards `opened`, which is made once.
    private let lock = ThreadLock()
    private var opened: LibsecretStore?

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The value stored under `name`, nil when there is none; a keychain that cannot answer throws.
    public func lookup(_ name: String) throws(SecretStoreError) -> String? {
        try store().lookup(name)
    }

    public func store(_ name: String, value: String, label: String) throws(SecretStoreError) {
        try store().store(name, value: value, label: label)
    }

    public func delete(_ name: String) throws(SecretStoreError) -> Bool {
        try store().delete(name)
    }

    public func list() throws(SecretStoreError) -> [SecretItemInfo] {
        try store().list()
    }

    private func store() throws(SecretStoreError) -> LibsecretStore {
        lock.lock()
        defer { lock.unlock() }
        if let opened { return opened }
        let made = try LibsecretStore(environment: environment)
        opened = made
        return made
    }
}
