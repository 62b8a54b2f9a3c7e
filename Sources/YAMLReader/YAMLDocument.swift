public import JSONCore

/// The one document of a YAML text: its value, and where every node of it was written.
public struct YAMLDocument: Sendable {
    public var value: JSONValue
    /// One entry per node of `value`, in pre-order; see `SourceMap`.
    public var sourceMap: SourceMap

    public init(value: JSONValue, sourceMap: SourceMap) {
        self.value = value
        self.sourceMap = sourceMap
    }
}
