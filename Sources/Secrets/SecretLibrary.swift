internal import CSecret

/// libsecret, opened on first use (Sources/CSecret): a command that never reaches the keyring
/// does not load it, nor GLib, GObject and GIO behind it.
public enum SecretLibrary {
    /// Opens libsecret; throws when it is not installed. A failed load is tried again on the
    /// next call, so installing it mends a running agent.
    static func load() throws(SecretStoreError) {
        guard provider_sync_secret_load() == 0 else {
            throw .libraryMissing(soname: String(cString: provider_sync_secret_soname()),
                                  package: String(cString: provider_sync_secret_package()),
                                  reason: String(cString: provider_sync_secret_load_error()))
        }
    }

    /// The libsecret this binary was built against (libsecret has no run-time version call),
    /// or why it cannot be loaded.
    public static var version: String {
        do {
            try load()
        } catch {
            return "\(SECRET_MAJOR_VERSION).\(SECRET_MINOR_VERSION).\(SECRET_MICRO_VERSION) (built against; not loaded: \(error))"
        }
        // Asking for the schema type registers it with GObject: proof the library works.
        let registered = secret_schema_get_type() != 0
        return "\(SECRET_MAJOR_VERSION).\(SECRET_MINOR_VERSION).\(SECRET_MICRO_VERSION)\(registered ? "" : " (not loaded)")"
    }
}
