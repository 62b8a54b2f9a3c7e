import FoundationEssentials
internal import JSONCore
internal import JSONSchema
public import YAMLReader

/// The result of loading one spec file: the spec when it is valid (and decoding was asked
/// for), and every problem found.
public struct LoadedSpec: Sendable {
    public var file: String
    /// The file's bytes, kept so diagnostics can show the line they point at.
    public var bytes: [UInt8]
    public var spec: Spec?
    public var diagnostics: [Diagnostic]
    /// The document with its source map, for the checks across the files of a folder; nil when
    /// the text is not YAML.
    public var document: YAMLDocument?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// YAML text -> document with source map -> schema -> semantic checks -> `Spec`.
/// Every stage reports all it finds; a spec is returned only when there is no error.
public struct SpecLoader: Sendable {
    public let limits: YAMLLimits
    private let validator: SchemaValidator
    private let schema: JSONValue
    /// Provider ids the targets checked for keep for themselves (`validate --target app`): a
    /// spec provider with one is an error at its id.
    public var reserved: ReservedProviderIDs?

    /// The spec schema, compiled once per process.
    public static let standard: SpecLoader = {
        do {
            return try SpecLoader(schemaText: EmbeddedSchemas.providerSpec)
        } catch {
            fatalError("the embedded spec schema does not compile: \(error)")  // a build defect, caught by tests
        }
    }()

    /// This loader, also checking `reserved` ids.
    public func reserving(_ reserved: ReservedProviderIDs?) -> SpecLoader {
        var loader = self
        loader.reserved = reserved
        return loader
    }

    public init(schemaText: String, limits: YAMLLimits = .init()) throws {
        self.schema = try JSONParser.value(schemaText)
        self.validator = try SchemaValidator(schema: schema)
        self.limits = limits
    }

    /// Checks a spec's text, reported under the name `file`. With `decode: false` only the
    /// diagnostics are wanted (`validate`), and `spec` stays nil: decoding a large spec costs as
    /// much as checking it. Files and folders are read by `SpecReader` (module SpecSource).
    public func load(bytes: [UInt8], file: String, decode: Bool = true) -> LoadedSpec {
        var result = LoadedSpec(file: file, bytes: bytes, spec: nil, diagnostics: [], document: nil)
        let document: YAMLDocument
        do {
            document = try YAMLDocumentReader.read(bytes, limits: limits)
        } catch {
            result.diagnostics = [Diagnostic(error, file: file)]
            return result
        }
        let semantic = SemanticChecks.run(document.value) + (reserved?.findings(in: document.value) ?? [])
        // A literal secret is explained by its own finding; the schema's "expected an object" adds nothing.
        let explained = Set(semantic.filter { $0.code == "spec.literal-secret" }.map(\.pointer))
        let structural = SchemaFindings(schema: schema)
            .findings(for: validator.validate(document.value), in: document.value)
            .filter { !explained.contains($0.pointer) }
        result.diagnostics = (structural + semantic)
            .map { Diagnostic($0, file: file, value: document.value, sourceMap: document.sourceMap) }
            .inFileOrder()
        if decode, !result.hasErrors { result.spec = SpecDecoder.decode(document.value) }
        result.document = document
        return result
    }
}
