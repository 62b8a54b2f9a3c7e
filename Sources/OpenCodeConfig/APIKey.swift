internal import ProviderSpec

/// What the caller puts in `options.apiKey` for a key kept in the OS keychain.
///
/// The renderer never reads secrets itself: the caller (Sync) looks the item up and decides
/// how it reaches OpenCode, inline or through a private file it wrote; `render` and `diff`
/// pass a mask instead, so that no value reaches the terminal.
public enum KeyringKey: Sendable, Equatable {
    /// The key itself, written inline into opencode.json.
    case value(String)
    /// A file holding the key; written as `{file:PATH}` so OpenCode reads it at start-up.
    case file(path: String)
    /// No `apiKey` at all: the key is in OpenCode's auth.json (the `auth` mode), and any
    /// `apiKey`, an empty one included, would win over it.
    case omitted

    /// What `render` and `diff` show in place of a keychain secret.
    public static let mask = "********"
    public static let masked = KeyringKey.value(mask)
}

/// The text of `options.apiKey`: env and file references become OpenCode's own `{env:VAR}` and
/// `{file:PATH}` substitutions (OpenCode reads them, so nothing secret is written); keychain
/// items go through the caller's resolver.
func apiKeyText(_ reference: SecretReference, keyring: (String) throws -> KeyringKey) rethrows -> String? {
    switch reference {
    case .env(let variable):
        return "{env:\(variable)}"
    case .file(let path):
        return "{file:\(path)}"
    case .keyring(let name):
        switch try keyring(name) {
        case .value(let secret): return secret
        case .file(let path): return "{file:\(path)}"
        case .omitted: return nil
        }
    }
}

/// True for an `apiKey` that holds no secret: an `{env:...}` or `{file:...}` reference.
func isReferenceText(_ text: String) -> Bool {
    (text.hasPrefix("{env:") || text.hasPrefix("{file:")) && text.hasSuffix("}")
}
