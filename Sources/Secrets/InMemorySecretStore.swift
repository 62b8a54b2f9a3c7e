import FoundationEssentials
internal import Redaction
internal import SystemIO

/// A keychain in memory, for tests of the parts that use secrets. `failure` makes every call
/// throw that error; `isLocked` behaves like a locked keyring.
public final class InMemorySecretStore: SecretStore, @unchecked Sendable {
    private struct Entry {
        var value: String
        var label: String
        var created: Date
        var modified: Date
    }

    private let lock = ThreadLock()
    private var entries: [String: Entry] = [:]
    private var _failure: SecretStoreError?
    private var _locked = false

    public init(_ values: [String: String] = [:]) {
        let now = Date()
        for (name, value) in values {
            SecretRedactor.shared.register(value)
            entries[name] = Entry(value: value, label: name, created: now, modified: now)
        }
    }

    public var failure: SecretStoreError? {
        get { lock.lock(); defer { lock.unlock() }; return _failure }
        set { lock.lock(); _failure = newValue; lock.unlock() }
    }

    public var isLocked: Bool {
        get { lock.lock(); defer { lock.unlock() }; return _locked }
        set { lock.lock(); _locked = newValue; lock.unlock() }
    }

    public func lookup(_ name: String) throws(SecretStoreError) -> String? {
        try SecretName.check(name)
        lock.lock()
        defer { lock.unlock() }
        try available()
        guard let value = entries[name]?.value else { return nil }
        SecretRedactor.shared.register(value)
        return value
    }

    public func store(_ name: String, value: String, label: String) throws(SecretStoreError) {
        SecretRedactor.shared.register(value)
        try SecretName.check(name)
        lock.lock()
        defer { lock.unlock() }
        try available()
        let now = Date()
        entries[name] = Entry(value: value, label: label, created: entries[name]?.created ?? now, modified: now)
    }

    public func delete(_ name: String) throws(SecretStoreError) -> Bool {
        try SecretName.check(name)
        lock.lock()
        defer { lock.unlock() }
        try available()
        return entries.removeValue(forKey: name) != nil
    }

    public func list() throws(SecretStoreError) -> [SecretItemInfo] {
        lock.lock()
        defer { lock.unlock() }
        try available()
        return entries.map { SecretItemInfo(name: $0.key, label: $0.value.label, created: $0.value.created, modified: $0.value.modified) }
            .sorted { $0.name < $1.name }
    }

    private func available() throws(SecretStoreError) {
        if let _failure { throw _failure }
        if _locked { throw .locked }
    }
}
