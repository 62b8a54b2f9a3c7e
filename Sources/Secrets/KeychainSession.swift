/// The keychain for one run or one agent cycle: opened on the first lookup (a spec without
/// keychain keys and a repository without a token never touch D-Bus), with libsecret's deadline
/// on every call.
public final class KeychainSession {
    private let environment: [String: String]
    private var store: LibsecretStore?

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The value stored under `name`, nil when there is none; a keychain that cannot answer throws.
    public func lookup(_ name: String) throws(SecretStoreError) -> String? {
        if store == nil { store = try LibsecretStore(environment: environment) }
        return try store!.lookup(name)
    }
}
