import CYAML

/// The libyaml this binary runs on.
public enum YAMLLibrary {
    public static var version: String { String(cString: yaml_get_version_string()) }
}
