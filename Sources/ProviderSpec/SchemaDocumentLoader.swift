public import JSONCore
internal import JSONSchema
public import YAMLReader

/// One YAML document checked against a schema: its value when it passed, and every problem
/// found, each at its file:line:column. What the spec loader does for the spec, for any other
/// file of this tool that has a schema (agent.yaml).
public struct LoadedDocument: Sendable {
    public var file: String
    /// The document, when it is YAML at all (also when the schema found errors).
    public var value: JSONValue?
    public var diagnostics: [Diagnostic]
    private var sourceMap: SourceMap?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    init(file: String, value: JSONValue?, diagnostics: [Diagnostic], sourceMap: SourceMap?) {
        self.file = file
        self.value = value
        self.diagnostics = diagnostics
        self.sourceMap = sourceMap
    }

    /// A diagnostic about the node at `pointer` (its key with `atKey`), for checks the schema
    /// cannot express, made by the caller after decoding.
    public func diagnostic(_ severity: Diagnostic.Severity, at pointer: JSONPointer, atKey: Bool = false,
                           message: String, hint: String? = nil, code: String) -> Diagnostic {
        let finding = Finding(severity: severity, pointer: pointer, atKey: atKey, message: message, hint: hint, code: code)
        return Diagnostic(finding, file: file, value: value, sourceMap: sourceMap)
    }
}

/// Bytes -> YAML -> schema -> positioned diagnostics, with the spec's wording ("unknown
/// property 'intervall'", "did you mean 'interval'?").
public struct SchemaDocumentLoader: Sendable {
    public let limits: YAMLLimits
    /// Hints for a failed `pattern`, by the name of the property that failed it.
    public var patternHints: [String: String]
    private let schema: JSONValue
    private let validator: SchemaValidator

    public init(schemaText: String, patternHints: [String: String] = [:], limits: YAMLLimits = .init()) throws {
        try self.init(schema: try JSONParser.value(schemaText), patternHints: patternHints, limits: limits)
    }

    public init(schema: JSONValue, patternHints: [String: String] = [:], limits: YAMLLimits = .init()) throws {
        self.schema = schema
        validator = try SchemaValidator(schema: schema)
        self.patternHints = patternHints
        self.limits = limits
    }

    private static let agentPatternHints = [
        "interval": "write a number and a unit from 1s to 24h: 30s, 5m or 1h",
        "driftInterval": "write a number and a unit from 1s to 24h: 30s, 5m or 1h",
        "branch": "write a plain branch name such as main (no spaces, no ~ ^ : ? * [ \\)",
    ]

    /// The loader of agent.yaml, compiled once per process.
    public static let agent: SchemaDocumentLoader = {
        do {
            return try SchemaDocumentLoader(schemaText: EmbeddedSchemas.agent, patternHints: agentPatternHints)
        } catch {
            fatalError("the embedded agent schema does not compile: \(error)")  // a build defect, caught by tests
        }
    }()

    /// The loader of one file of a layered agent.yaml (the system-wide defaults, the user's
    /// own): the agent schema without the top level's and `source`'s `required`, since either
    /// file may leave the repository to the other. The merged settings are checked for them.
    public static let agentLayer: SchemaDocumentLoader = {
        do {
            guard var root = try JSONParser.value(EmbeddedSchemas.agent).objectValue,
                  var properties = root["properties"]?.objectValue, var source = properties["source"]?.objectValue else {
                fatalError("the embedded agent schema has no source")
            }
            root["required"] = nil
            source["required"] = nil
            properties["source"] = .object(source)
            root["properties"] = .object(properties)
            return try SchemaDocumentLoader(schema: .object(root), patternHints: agentPatternHints)
        } catch {
            fatalError("the embedded agent schema does not compile: \(error)")  // a build defect, caught by tests
        }
    }()

    public func load(bytes: [UInt8], file: String) -> LoadedDocument {
        let document: YAMLDocument
        do {
            document = try YAMLDocumentReader.read(bytes, limits: limits)
        } catch {
            return LoadedDocument(file: file, value: nil, diagnostics: [Diagnostic(error, file: file)], sourceMap: nil)
        }
        let findings = SchemaFindings(schema: schema).findings(for: validator.validate(document.value), in: document.value)
        var loaded = LoadedDocument(file: file, value: document.value, diagnostics: [], sourceMap: document.sourceMap)
        loaded.diagnostics = findings
            .map { f in
                var f = f
                if f.code == "schema.pattern", f.hint == nil, let name = f.pointer.last { f.hint = patternHints[name] }
                return Diagnostic(f, file: file, value: document.value, sourceMap: document.sourceMap)
            }
            .inFileOrder()
        return loaded
    }
}
