/// Which entries of a spec folder are spec files: the one rule `validate`, `apply`, the hooks
/// and the agent share (README, "A folder of specs").
///
/// A spec file is an entry directly in the folder whose name ends in `.yaml` or `.yml` and
/// does not start with a dot: `.pre-commit-config.yaml`, `.gitlab-ci.yml` and editors' hidden
/// files are not specs, and subfolders are not read (a link may lead into one). A symbolic link
/// is followed inside the folder (`SpecLinks`); anything else with such a name that is not a
/// file (a FIFO, a submodule) is refused with the reason, never skipped. Spec files are merged
/// in byte order of their names.
public enum SpecFolderRule {
    public static func isSpec(_ entry: SpecTreeEntry) -> Bool {
        entry.kind != .folder && isSpecName(entry.name)
    }

    public static func isSpecName(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    /// The spec files among `entries`, in the order they are merged.
    public static func specs(_ entries: [SpecTreeEntry]) -> [SpecTreeEntry] {
        entries.filter(isSpec).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
