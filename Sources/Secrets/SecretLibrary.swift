import CSecret

/// The libsecret this binary was built against (libsecret has no run-time version call).
public enum SecretLibrary {
    public static var version: String {
        // Asking for the schema type registers it with GObject: proof the library is loaded.
        let loaded = secret_schema_get_type() != 0
        return "\(SECRET_MAJOR_VERSION).\(SECRET_MINOR_VERSION).\(SECRET_MICRO_VERSION)\(loaded ? "" : " (not loaded)")"
    }
}
