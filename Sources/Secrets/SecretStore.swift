import FoundationEssentials

/// Where API keys live on a workstation: the OS keychain, or a stand-in for tests.
///
/// Every value a store returns or is given is registered with `SecretRedactor.shared`, so no
/// output of the tool can show it. Names follow `SecretName` (the spec's `keyring:` pattern).
public protocol SecretStore: Sendable {
    /// The value stored under `name`, or nil when there is none.
    /// Throws `.locked` rather than answering nil when the keyring is locked.
    func lookup(_ name: String) throws(SecretStoreError) -> String?
    /// Stores `value` under `name` in the default keyring, replacing an earlier value.
    func store(_ name: String, value: String, label: String) throws(SecretStoreError)
    /// Removes every item named `name`; false when there was none.
    func delete(_ name: String) throws(SecretStoreError) -> Bool
    /// The items this tool can read, sorted by name; never their values.
    func list() throws(SecretStoreError) -> [SecretItemInfo]
}

/// What is known about a stored secret without reading it.
public struct SecretItemInfo: Sendable, Equatable {
    public var name: String
    public var label: String
    public var created: Date?
    public var modified: Date?

    public init(name: String, label: String, created: Date? = nil, modified: Date? = nil) {
        self.name = name
        self.label = label
        self.created = created
        self.modified = modified
    }
}

/// The names secrets may have: the same pattern as `keyring:` in the spec schema.
public enum SecretName {
    public static let pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...128).contains(bytes.count), isAlphanumeric(bytes[0]) else { return false }
        return bytes.dropFirst().allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Throws `.invalidName` unless `name` is valid.
    public static func check(_ name: String) throws(SecretStoreError) {
        guard isValid(name) else { throw .invalidName(name) }
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
}
