public import JSONCore

/// A draft 2020-12 JSON Schema, compiled once and used to validate any number of instances.
///
/// ```swift
/// let validator = try SchemaValidator(schema: schema)
/// for error in validator.validate(document) { print(error) }
/// ```
///
/// A validator is immutable and `Sendable`: share one across threads.
public struct SchemaValidator: Sendable {
    private let program: CompiledProgram

    /// Compiles `schema`. References leave it through `registry` (which always knows the
    /// draft 2020-12 metaschemas). Throws when the schema is malformed, a reference cannot be
    /// resolved, or a regular expression is not valid ECMA-262.
    public init(schema: JSONValue, options: ValidationOptions = .init(), registry: SchemaRegistry = .init()) throws(SchemaError) {
        program = try SchemaCompiler.compile(schema, options: options, registry: registry)
    }

    /// Every way `instance` fails the schema, in schema order; empty when it is valid.
    /// A failing `anyOf`/`oneOf` is one error whose `causes` hold each branch's errors.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        var quick = Evaluator(program: program, collectingErrors: false)
        if quick.run(instance) { return [] }
        var detailed = Evaluator(program: program, collectingErrors: true)
        _ = detailed.run(instance)
        if detailed.errors.isEmpty {
            // Both runs share their logic, so this should not happen; never report "valid" here.
            return [ValidationError(instanceLocation: .root, keywordLocation: .root, absoluteKeywordLocation: nil,
                keyword: "", message: "does not match the schema")]
        }
        return detailed.errors
    }

    /// Whether `instance` is valid, without building any error.
    public func isValid(_ instance: JSONValue) -> Bool {
        var quick = Evaluator(program: program, collectingErrors: false)
        return quick.run(instance)
    }
}
