internal import CSecret
import FoundationEssentials
internal import Redaction
internal import SystemIO

/// The Linux keychain: any Secret Service on the D-Bus session bus (gnome-keyring, KeePassXC),
/// through libsecret.
///
/// - Items use the schema `dev.provider-sync.ApiKey` with one attribute, `name`. The schema has
///   the don't-match-name flag, so lookups match on `name` alone: an item stored with
///   `secret-tool store --label L name NAME` is found, and `secret-tool lookup name NAME` finds ours.
/// - One connection per run: the bus and the service session are opened on first use and reused.
/// - Every call has a deadline (default 5 s): a GCancellable that a timer on another thread
///   cancels, so a Secret Service that never answers cannot hang the tool.
/// - It never asks to unlock anything (no prompt): a locked keyring is reported as `.locked`.
public final class LibsecretStore: SecretStore, @unchecked Sendable {
    public static let schemaName = "dev.provider-sync.ApiKey"
    /// The schema of items that `secret-tool` and other schema-less clients store.
    public static let genericSchemaName = "org.freedesktop.Secret.Generic"
    public static let defaultTimeoutMilliseconds = 5000
    /// Overrides the deadline of every call, in milliseconds.
    public static let timeoutVariable = "PROVIDER_SYNC_SECRET_TIMEOUT_MS"

    public let timeoutMilliseconds: Int

    private let schema: UnsafeMutablePointer<SecretSchema>
    /// Guards the connection, which is made once.
    private let lock = ThreadLock()
    private var bus: OpaquePointer?
    private var service: UnsafeMutablePointer<SecretService>?

    /// Throws when libsecret cannot be loaded (it is opened here, on first use).
    public init(timeoutMilliseconds: Int = LibsecretStore.defaultTimeoutMilliseconds) throws(SecretStoreError) {
        try SecretLibrary.load()
        self.timeoutMilliseconds = max(1, timeoutMilliseconds)
        let types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, nil)
        // The value is the attribute type; SECRET_SCHEMA_ATTRIBUTE_STRING is 0 (a null pointer).
        g_hash_table_insert(types, UnsafeMutableRawPointer(g_strdup("name")), nil)
        schema = secret_schema_newv(Self.schemaName, SECRET_SCHEMA_DONT_MATCH_NAME, types)
        g_hash_table_unref(types)
    }

    /// A store whose deadline is `PROVIDER_SYNC_SECRET_TIMEOUT_MS` when set, else 5 s.
    public convenience init(environment: [String: String]) throws(SecretStoreError) {
        try self.init(timeoutMilliseconds: try Self.timeout(environment: environment))
    }

    /// The deadline `environment` asks for, or the default; throws when the setting is malformed.
    public static func timeout(environment: [String: String]) throws(SecretStoreError) -> Int {
        guard let text = environment[timeoutVariable], !text.isEmpty else { return defaultTimeoutMilliseconds }
        guard let value = Int(text), (1...600_000).contains(value) else {
            // The text is not repeated: a variable mixed up with another could hold a secret.
            throw .invalidSetting("\(timeoutVariable) is not a number of milliseconds from 1 to 600000; unset it or fix it")
        }
        return value
    }

    deinit {
        if let service { g_object_unref(UnsafeMutableRawPointer(service)) }
        if let bus { g_object_unref(UnsafeMutableRawPointer(bus)) }
        secret_schema_unref(schema)
    }

    /// Opens the bus and the Secret Service session now, so a command can fail before it asks
    /// the user for anything.
    public func connect() throws(SecretStoreError) {
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        _ = try connectedService(deadline, operation: "open a session")
    }

    // MARK: - SecretStore

    public func lookup(_ name: String) throws(SecretStoreError) -> String? {
        try SecretName.check(name)
        let operation = "look up '\(name)'"
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        let service = try connectedService(deadline, operation: operation)
        let items = try search(service, attributes: ["name": name], deadline, operation: operation)
        guard let item = preferred(items.filter { !$0.locked }) else {
            // A locked keyring answers "not found": find out whether that is what happened.
            if items.contains(where: \.locked) { throw .locked }
            if try defaultKeyringIsLocked(service, deadline, operation: operation) { throw .locked }
            return nil
        }
        var error: UnsafeMutablePointer<GError>?
        guard secret_item_load_secret_sync(item.pointer, deadline.cancellable, &error) != 0 else {
            throw classify(error, deadline, operation: operation)
        }
        guard let value = secret_item_get_secret(item.pointer) else {
            if item.locked { throw .locked }
            throw .failed(operation: operation, detail: "the item has no secret")
        }
        defer { secret_value_unref(UnsafeMutableRawPointer(value)) }
        var length = 0
        guard let bytes = secret_value_get(value, &length) else {
            throw .failed(operation: operation, detail: "the item has no secret")
        }
        let buffer = UnsafeRawBufferPointer(start: bytes, count: length)
        guard let text = String(validating: buffer.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw .failed(operation: operation, detail: "the stored secret is not UTF-8 text")
        }
        SecretRedactor.shared.register(text)
        return text
    }

    public func store(_ name: String, value: String, label: String) throws(SecretStoreError) {
        SecretRedactor.shared.register(value)
        try SecretName.check(name)
        guard !value.utf8.contains(0) else {
            throw .failed(operation: "store '\(name)'", detail: "the value contains a NUL character")
        }
        let operation = "store '\(name)'"
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        let service = try connectedService(deadline, operation: operation)
        guard let collection = try defaultKeyring(service, deadline, operation: operation) else {
            throw .failed(operation: operation, detail: "the Secret Service has no default keyring; "
                + "create one and make it the default (in Seahorse: + > Password Keyring, then Set as Default)")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(collection)) }
        // Storing into a locked keyring would ask to unlock it: refuse instead, nothing is written.
        if secret_collection_get_locked(collection) != 0 { throw .locked }

        let attributes = AttributeTable(["name": name])
        let secret = value.withCString { secret_value_new($0, -1, "text/plain") }
        defer { secret_value_unref(UnsafeMutableRawPointer(secret)) }
        var error: UnsafeMutablePointer<GError>?
        guard let created = secret_item_create_sync(collection, schema, attributes.table, label, secret,
                                                    SECRET_ITEM_CREATE_REPLACE, deadline.cancellable, &error)
        else { throw classify(error, deadline, operation: operation) }
        let kept = objectPath(created)
        g_object_unref(UnsafeMutableRawPointer(created))

        // Other items of ours with this name (say, stored by secret-tool) would make
        // later lookups ambiguous: remove the unlocked ones.
        let cleanup = "remove an older copy of '\(name)'"
        for item in try search(service, attributes: ["name": name], deadline, operation: cleanup)
        where !item.locked && item.path != kept {
            try delete(item, deadline, operation: cleanup)
        }
    }

    public func delete(_ name: String) throws(SecretStoreError) -> Bool {
        try SecretName.check(name)
        let operation = "delete '\(name)'"
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        let service = try connectedService(deadline, operation: operation)
        let items = try search(service, attributes: ["name": name], deadline, operation: operation)
        if items.contains(where: \.locked) { throw .locked }
        if items.isEmpty {
            if try defaultKeyringIsLocked(service, deadline, operation: operation) { throw .locked }
            return false
        }
        for item in items {
            try delete(item, deadline, operation: operation)
        }
        return true
    }

    public func list() throws(SecretStoreError) -> [SecretItemInfo] {
        let operation = "list the stored secrets"
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        let service = try connectedService(deadline, operation: operation)
        let items = try search(service, attributes: [:], deadline, operation: operation, schema: false)
        if items.contains(where: \.locked) { throw .locked }
        if try defaultKeyringIsLocked(service, deadline, operation: operation) { throw .locked }
        var byName: [String: Item] = [:]
        for item in items {
            guard let name = item.name else { continue }
            if let chosen = byName[name], preferred([chosen, item]) === chosen { continue }
            byName[name] = item
        }
        return byName.values.map { SecretItemInfo(name: $0.name ?? "", label: $0.label, created: $0.created, modified: $0.modified) }
            .sorted { $0.name < $1.name }
    }

    // MARK: - Calls

    private func connectedService(_ deadline: Deadline, operation: String) throws(SecretStoreError) -> UnsafeMutablePointer<SecretService> {
        lock.lock()
        defer { lock.unlock() }
        if let service { return service }
        var error: UnsafeMutablePointer<GError>?
        // The bus first, on its own, so that "no bus" is told apart from "no Secret Service".
        if bus == nil {
            guard let connection = g_bus_get_sync(G_BUS_TYPE_SESSION, deadline.cancellable, &error) else {
                let failure = GLibError(taking: error)
                if deadline.expired { throw .timeout(operation: operation, milliseconds: deadline.milliseconds) }
                throw .noSessionBus(detail: failure.plainMessage)
            }
            bus = connection
        }
        let flags = SecretServiceFlags(rawValue: SECRET_SERVICE_OPEN_SESSION.rawValue)
        guard let opened = secret_service_get_sync(flags, deadline.cancellable, &error) else {
            throw classify(error, deadline, operation: operation)
        }
        service = opened
        return opened
    }

    /// The items of this tool whose attributes include `attributes`, locked or not; unlocks
    /// nothing, loads no secret. Items of this tool: a `name` attribute, and our schema or none
    /// (secret-tool's generic one), so another application's item that happens to have a `name`
    /// attribute is never read, listed or deleted.
    private func search(_ service: UnsafeMutablePointer<SecretService>, attributes: [String: String], _ deadline: Deadline,
                        operation: String, schema useSchema: Bool = true) throws(SecretStoreError) -> [Item] {
        let table = AttributeTable(attributes)
        var error: UnsafeMutablePointer<GError>?
        let list = secret_service_search_sync(service, useSchema ? schema : nil, table.table, SECRET_SEARCH_ALL,
                                              deadline.cancellable, &error)
        if let error { throw classify(error, deadline, operation: operation) }
        var items: [Item] = []
        var node = list
        while let current = node {
            if let data = current.pointee.data {
                items.append(Item(taking: data.assumingMemoryBound(to: SecretItem.self)))
            }
            node = current.pointee.next
        }
        g_list_free(list)  // the items' references now belong to `items`
        return items.filter(\.isOurs)
    }

    private func delete(_ item: Item, _ deadline: Deadline, operation: String) throws(SecretStoreError) {
        var error: UnsafeMutablePointer<GError>?
        guard secret_item_delete_sync(item.pointer, deadline.cancellable, &error) != 0 else {
            throw classify(error, deadline, operation: operation)
        }
    }

    /// The collection behind the "default" alias, or nil when there is none.
    private func defaultKeyring(_ service: UnsafeMutablePointer<SecretService>, _ deadline: Deadline,
                                operation: String) throws(SecretStoreError) -> UnsafeMutablePointer<SecretCollection>? {
        var error: UnsafeMutablePointer<GError>?
        let collection = secret_collection_for_alias_sync(service, "default", SECRET_COLLECTION_NONE, deadline.cancellable, &error)
        if let error { throw classify(error, deadline, operation: operation) }
        return collection
    }

    private func defaultKeyringIsLocked(_ service: UnsafeMutablePointer<SecretService>, _ deadline: Deadline,
                                        operation: String) throws(SecretStoreError) -> Bool {
        guard let collection = try defaultKeyring(service, deadline, operation: operation) else { return false }
        defer { g_object_unref(UnsafeMutableRawPointer(collection)) }
        return secret_collection_get_locked(collection) != 0
    }

    /// Of several items with one name: ours before others, then the most recently changed.
    private func preferred(_ items: [Item]) -> Item? {
        items.min { a, b in
            let ours = (a.schemaName == Self.schemaName, b.schemaName == Self.schemaName)
            if ours.0 != ours.1 { return ours.0 }
            return (a.modified ?? .distantPast) > (b.modified ?? .distantPast)
        }
    }

    private func classify(_ error: UnsafeMutablePointer<GError>?, _ deadline: Deadline, operation: String) -> SecretStoreError {
        let failure = GLibError(taking: error)
        if deadline.expired { return .timeout(operation: operation, milliseconds: deadline.milliseconds) }
        // D-Bus gave up first (its own 25 s), when the deadline is longer than that.
        if failure.isIO(G_IO_ERROR_TIMED_OUT) || failure.isDBus(G_DBUS_ERROR_NO_REPLY, G_DBUS_ERROR_TIMEOUT, G_DBUS_ERROR_TIMED_OUT) {
            return .timeout(operation: operation, milliseconds: (deadline.elapsedMilliseconds + 50) / 100 * 100)
        }
        let spawn = (G_DBUS_ERROR_SPAWN_EXEC_FAILED.rawValue...G_DBUS_ERROR_SPAWN_NO_MEMORY.rawValue)
        if failure.isDBus(G_DBUS_ERROR_SERVICE_UNKNOWN, G_DBUS_ERROR_NAME_HAS_NO_OWNER)
            || (failure.domain == g_dbus_error_quark() && spawn.contains(UInt32(bitPattern: failure.code)))
            || failure.remoteName?.hasPrefix("org.freedesktop.DBus.Error.Spawn.") == true {
            return .noProvider(detail: failure.plainMessage)
        }
        if failure.remoteName == "org.freedesktop.Secret.Error.IsLocked" { return .locked }
        if failure.isIO(G_IO_ERROR_CLOSED) || failure.isDBus(G_DBUS_ERROR_DISCONNECTED) {
            return .noSessionBus(detail: failure.plainMessage)
        }
        return .failed(operation: operation, detail: failure.plainMessage)
    }

    private func objectPath(_ item: UnsafeMutablePointer<SecretItem>) -> String {
        let proxy = UnsafeMutableRawPointer(item).assumingMemoryBound(to: GDBusProxy.self)
        return g_dbus_proxy_get_object_path(proxy).map { String(cString: $0) } ?? ""
    }

    /// One item found by a search, with what the listing needs read up front.
    private final class Item {
        let pointer: UnsafeMutablePointer<SecretItem>
        let path: String
        let name: String?
        let schemaName: String?
        let label: String
        let locked: Bool
        let created: Date?
        let modified: Date?

        init(taking pointer: UnsafeMutablePointer<SecretItem>) {
            self.pointer = pointer
            let proxy = UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: GDBusProxy.self)
            path = g_dbus_proxy_get_object_path(proxy).map { String(cString: $0) } ?? ""
            if let attributes = secret_item_get_attributes(pointer) {
                name = stringAttribute(attributes, "name")
                schemaName = stringAttribute(attributes, "xdg:schema")
                g_hash_table_unref(attributes)
            } else {
                name = nil
                schemaName = nil
            }
            label = takeString(secret_item_get_label(pointer)) ?? ""
            locked = secret_item_get_locked(pointer) != 0
            created = Self.date(secret_item_get_created(pointer))
            modified = Self.date(secret_item_get_modified(pointer))
        }

        deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

        var isOurs: Bool {
            name != nil && (schemaName == nil || schemaName == LibsecretStore.schemaName || schemaName == LibsecretStore.genericSchemaName)
        }

        private static func date(_ seconds: guint64) -> Date? {
            seconds == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }
}
