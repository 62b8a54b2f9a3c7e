/// Why the keychain could not answer, each with what to do about it. No case carries a value.
public enum SecretStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No D-Bus session bus: `DBUS_SESSION_BUS_ADDRESS` unset, or pointing at a bus that is gone.
    case noSessionBus(detail: String)
    /// A session bus, but nothing on it provides org.freedesktop.secrets.
    case noProvider(detail: String)
    /// The keyring that holds (or would hold) the secret is locked. A locked keyring answers a
    /// lookup with "not found", so stores probe for this rather than answer nil.
    case locked
    /// The Secret Service did not answer before the deadline.
    case timeout(operation: String, milliseconds: Int)
    /// A secret the caller needs is not stored (lookup itself answers nil; resolvers throw this).
    case missing(name: String)
    /// Not a valid secret name.
    case invalidName(String)
    /// A setting of this tool (such as PROVIDER_SYNC_SECRET_TIMEOUT_MS) is malformed.
    case invalidSetting(String)
    /// Any other failure the Secret Service reported.
    case failed(operation: String, detail: String)
    /// libsecret cannot be loaded: not installed, or without a function this program calls.
    case libraryMissing(soname: String, package: String, reason: String)

    public var description: String {
        switch self {
        case .noSessionBus(let detail):
            return "no D-Bus session bus (\(detail)): the keyring is reached over the session bus, and "
                + "DBUS_SESSION_BUS_ADDRESS is unset or names a bus that is not running; "
                + "start a desktop session or run the command under dbus-run-session"
        case .noProvider(let detail):
            return "no Secret Service on the session bus (\(detail)): "
                + "install and start gnome-keyring or KeePassXC's Secret Service integration"
        case .locked:
            return "the keyring is locked, so its secrets cannot be read or changed (a locked keyring "
                + "answers \"not found\"); unlock it: log in to the desktop, unlock it in Seahorse (Passwords and Keys) "
                + "or KeePassXC, or on a machine without a desktop start the daemon with "
                + "`gnome-keyring-daemon --unlock`, which reads the password on standard input"
        case .timeout(let operation, let milliseconds):
            return "the Secret Service did not answer within \(Self.seconds(milliseconds)) s (\(operation)); "
                + "its daemon may be hung: restart it, or set PROVIDER_SYNC_SECRET_TIMEOUT_MS to wait longer"
        case .missing(let name):
            return "no secret named '\(name)' in the keyring; store it with: provider-sync secret set \(name)"
        case .invalidName(let name):
            return "'\(name)' is not a valid secret name: use 1 to 128 letters, digits, '.', '_' or '-', "
                + "starting with a letter or digit"
        case .invalidSetting(let message):
            return message
        case .failed(let operation, let detail):
            return "the Secret Service could not \(operation): \(detail)"
        case .libraryMissing(let soname, let package, let reason):
            return "cannot load libsecret (\(soname)), through which the keyring is reached: \(reason). "
                + "Install it with: apt install \(package)"
        }
    }

    /// "1.5", "5", "0.25": milliseconds as seconds, without trailing zeros.
    static func seconds(_ milliseconds: Int) -> String {
        let whole = milliseconds / 1000, rest = milliseconds % 1000
        guard rest != 0 else { return "\(whole)" }
        var fraction = String(rest)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
