import ArgumentParser
internal import OpenCodeConfig
internal import ProviderSpec
internal import Workstation

/// What `validate` is asked to check, and how to report it.
public struct ValidateOptions: ParsableArguments {
    public static let discussion = """
        A folder is one spec: its spec files (*.yaml and *.yml directly in it, not starting with \
        a dot) are each checked, then against each other (a provider id or model, smallModel, \
        secrets set in two files), as the agent merges them. Reports every problem as \
        file:line:column. Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O \
        error (a path that cannot be read is reported in the chosen format, and the other \
        paths are still checked). '-' reads one spec file from standard input. --staged reads \
        the paths as the git index holds them (what the commit will hold): the git hooks use it.
        """

    @Argument(help: "Spec files, or folders of spec files (each folder one spec). Default: providers.yaml.")
    public var paths: [String] = []

    @Option(help: "Output format: text, json (one object per line), github (workflow annotations) or sarif (a SARIF 2.1.0 log).")
    public var format: ValidateFormat = .text

    @Option(help: "The file name to report for a spec read from standard input ('-').")
    public var stdinName: String = "<stdin>"

    @Flag(help: "Treat warnings as errors.")
    public var strict = false

    @Flag(help: "Read the paths from the git index (the staged versions), relative to the repository's top folder.")
    public var staged = false

    @Flag(help: """
        Each file named stands for its whole folder, checked as one spec, except a file named \
        providers.yaml or providers.yml, which is a spec of its own (what the pre-commit hooks pass).
        """)
    public var wholeFolders = false

    @Option(name: .customLong("target"), help: ArgumentHelp(
        "Also check what the spec does to these targets (\(TargetName.choices) or a path): for the app's (app, openwork, accomplish), a provider id the app uses for a provider of its own is an error.",
        valueName: "target"))
    public var targets: [String] = []

    public init() {}

    /// The spec loader for these targets: with an app target, the app's own provider ids are errors.
    var loader: SpecLoader {
        guard targets.compactMap(Target.init(parsing:)).contains(where: \.isApp) else { return .standard }
        return SpecLoader.standard.reserving(ReservedProviderIDs(
            ids: Set(AppProviders.emitted), owner: "the desktop app (targets app, openwork, accomplish)",
            consequence: "in the app's files OpenCode would merge this provider into the app's own, key by key",
            hint: "rename it to an id the app does not use (your team's name in front, say), or apply with --adopt to merge into the app's provider on purpose",
            code: "target.app-provider-id"))
    }

    /// The specs to read, in order, each once: with `wholeFolders`, a file stands for its folder.
    var specPaths: [String] {
        let given = paths.isEmpty ? ["providers.yaml"] : paths
        guard wholeFolders else { return given }
        var seen: Set<String> = [], out: [String] = []
        for path in given {
            let unit = Self.unit(of: path)
            if seen.insert(unit).inserted { out.append(unit) }
        }
        return out
    }

    /// "providers.d" for "providers.d/10-local.yaml"; "providers.yaml" stays itself.
    static func unit(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard path != "-", name != "providers.yaml", name != "providers.yml" else { return path }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
