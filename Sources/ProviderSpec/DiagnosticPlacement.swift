internal import JSONCore
internal import YAMLReader

/// Where findings and YAML errors land in a file: the one mapping every loader uses.
extension Diagnostic {
    /// A finding at its node (or the node's key), looked up in the document's source map.
    init(_ f: Finding, file: String, value: JSONValue?, sourceMap: SourceMap?) {
        let location = value.flatMap { sourceMap?.location(of: f.pointer, in: $0) }
        let span = f.atKey ? (location?.key ?? location?.value) : location?.value
        self.init(severity: f.severity, file: file, position: span?.start, message: f.message,
                  hint: f.hint, pointer: f.pointer, code: f.code)
        end = span?.end
        if f.secretValue, let value = location?.value { secretSpan = value }
    }

    /// A file that is not readable YAML, at the position libyaml or the reader gave.
    init(_ error: YAMLError, file: String) {
        self.init(severity: .error, file: file, position: error.position, message: error.message,
                  hint: error.hint, pointer: nil, code: "yaml.\(error.kind)")
    }
}

extension [Diagnostic] {
    /// In file order; at one place, errors before warnings.
    public func inFileOrder() -> [Diagnostic] {
        sorted { ($0.position?.offset ?? -1, $0.severity) < ($1.position?.offset ?? -1, $1.severity) }
    }
}
