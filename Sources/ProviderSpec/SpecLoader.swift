import FoundationEssentials
import JSONCore
import JSONSchema
import SystemIO
import YAMLReader

/// The result of loading one spec file: the spec when it is valid (and decoding was asked
/// for), and every problem found.
public struct LoadedSpec: Sendable {
    public var file: String
    /// The file's bytes, kept so diagnostics can show the line they point at.
    public var bytes: [UInt8]
    public var spec: Spec?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A file that could not be read at all (exit code 2, not 1): missing, unreadable, not a
/// regular file, over the size cap.
public struct SpecReadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problem: FileAccessError
    /// What is wrong, said after the file's name.
    public var reason: String { problem.reason }
    public var description: String { "\(file): \(reason)" }
}

/// YAML text -> document with source map -> schema -> semantic checks -> `Spec`.
/// Every stage reports all it finds; a spec is returned only when there is no error.
public struct SpecLoader: Sendable {
    public let limits: YAMLLimits
    private let validator: SchemaValidator
    private let schema: JSONValue

    /// The spec schema, compiled once per process.
    public static let standard: SpecLoader = {
        do {
            return try SpecLoader(schemaText: EmbeddedSchemas.providerSpec)
        } catch {
            fatalError("the embedded spec schema does not compile: \(error)")  // a build defect, caught by tests
        }
    }()

    public init(schemaText: String, limits: YAMLLimits = .init()) throws {
        self.schema = try JSONParser.value(schemaText)
        self.validator = try SchemaValidator(schema: schema)
        self.limits = limits
    }

    /// Loads a spec file. With `decode: false` only the diagnostics are wanted (`validate`), and
    /// `spec` stays nil: decoding a large spec costs as much as checking it.
    /// `listedAsRegular`: a folder listing already said it is a regular file (see `FileReader`).
    public func load(path: String, decode: Bool = true, listedAsRegular: Bool = false) throws(SpecReadError) -> LoadedSpec {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.readExisting(path, limit: limits.maxBytes, listedAsRegular: listedAsRegular)
        } catch {
            throw SpecReadError(file: path, problem: error)
        }
        return load(bytes: bytes, file: path, decode: decode)
    }

    public func load(bytes: [UInt8], file: String, decode: Bool = true) -> LoadedSpec {
        var result = LoadedSpec(file: file, bytes: bytes, spec: nil, diagnostics: [])
        let document: YAMLDocument
        do {
            document = try YAMLDocumentReader.read(bytes, limits: limits)
        } catch {
            result.diagnostics = [Diagnostic(error, file: file)]
            return result
        }
        let semantic = SemanticChecks.run(document.value)
        // A literal secret is explained by its own finding; the schema's "expected an object" adds nothing.
        let explained = Set(semantic.filter { $0.code == "spec.literal-secret" }.map(\.pointer))
        let structural = SchemaFindings(schema: schema)
            .findings(for: validator.validate(document.value), in: document.value)
            .filter { !explained.contains($0.pointer) }
        result.diagnostics = (structural + semantic)
            .map { Diagnostic($0, file: file, value: document.value, sourceMap: document.sourceMap) }
            .inFileOrder()
        if decode, !result.hasErrors { result.spec = SpecDecoder.decode(document.value) }
        return result
    }
}
