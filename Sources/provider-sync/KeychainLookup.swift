import Sync

/// Reads keychain secrets for apply, diff and render --show-secrets.
enum KeychainLookup {
    /// Until the libsecret store lands, no keychain value is available: every name is missing,
    /// so apply names each one and writes nothing.
    static func lookup(_ name: String) throws -> String? { nil }
}
