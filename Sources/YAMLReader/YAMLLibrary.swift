internal import CYAML

/// The libyaml this reader runs on, for `provider-sync version` and bug reports.
public enum YAMLLibrary {
    /// libyaml's own version string, such as "0.2.5".
    public static var version: String { String(cString: yaml_get_version_string()) }
}
