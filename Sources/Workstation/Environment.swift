internal import SystemIO

/// Environment variables, as a value: this process's, or any other for tests and `--platform`.
public struct Environment: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// This process's environment.
    public static func process() -> Environment { Environment(RunningProcess.environment()) }

    /// The value of one of this tool's variables; nil when it is unset or empty (an empty
    /// value is unset, as the XDG spec and most tools take it).
    public subscript(_ variable: Variable) -> String? {
        self[variable.rawValue]
    }

    /// The value of any variable by name (`{env: VAR}` of a spec, `--from-env`); nil when
    /// unset or empty.
    public subscript(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// The system's temporary folder: `$TMPDIR` when it is absolute, else /tmp.
    public var temporaryFolder: String {
        absolutePath(.temporaryFolder, on: .linux) ?? "/tmp"
    }

    /// The variable as an absolute path without trailing separators; nil when it is unset or
    /// relative, which the XDG Base Directory spec says to ignore.
    func absolutePath(_ variable: Variable, on platform: Platform) -> String? {
        guard let value = self[variable], PathSyntax.isAbsolute(value, on: platform) else { return nil }
        return PathSyntax.trimmingTrailingSeparators(value, on: platform)
    }

    /// The variable as a base folder for `place`: set, and absolute (a relative one would put
    /// files wherever the command happened to run).
    func folder(_ variable: Variable, on platform: Platform, for place: Place) throws(LocationError) -> String {
        guard let value = self[variable] else { throw .missingVariable(variable, for: place) }
        guard PathSyntax.isAbsolute(value, on: platform) else { throw .relativeVariable(variable, value: value, for: place) }
        return PathSyntax.trimmingTrailingSeparators(value, on: platform)
    }
}
