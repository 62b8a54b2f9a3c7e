internal import JSONCore

/// A schema compiled for evaluation: every schema location reachable from the root becomes a
/// node in one array, and applicators point at their subschemas by index (which is how
/// recursive `$ref`s close their cycles).
struct CompiledProgram: Sendable {
    let nodes: [SchemaNode]
    let resources: [CompiledResource]
    let root: Int
}

/// A schema resource (a document root or a subschema with `$id`): what `$dynamicRef` looks up
/// in the dynamic scope, and the base of absolute keyword locations.
struct CompiledResource: Sendable {
    let uri: String
    /// False for the placeholder base URI given to a root schema without `$id`.
    let isIdentified: Bool
    /// `$dynamicAnchor` name -> node, for the resources that evaluation can enter.
    let dynamicAnchors: [String: Int]
}

/// The JSON Schema instance types, as `type` lists them.
struct TypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1 << 0)
    static let boolean = TypeSet(rawValue: 1 << 1)
    static let object = TypeSet(rawValue: 1 << 2)
    static let array = TypeSet(rawValue: 1 << 3)
    static let number = TypeSet(rawValue: 1 << 4)
    static let string = TypeSet(rawValue: 1 << 5)
    static let integer = TypeSet(rawValue: 1 << 6)

    static let names: [(String, TypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("object", .object), ("array", .array), ("number", .number),
        ("string", .string), ("integer", .integer),
    ]

    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .object: contains(.object)
        case .array: contains(.array)
        case .string: contains(.string)
        case .number(let n): contains(.number) || (contains(.integer) && n.isIntegral)
        }
    }

    var nameList: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

/// One compiled keyword. Keywords that only concern one instance type sit in that type's list
/// on the node, so evaluation never looks at them for other types.
enum Keyword: Sendable {
    case type(TypeSet)
    case const(JSONValue)
    case enumeration([JSONValue])
    case multipleOf(Double)
    case maximum(Double)
    case exclusiveMaximum(Double)
    case minimum(Double)
    case exclusiveMinimum(Double)
    case maxLength(Int)
    case minLength(Int)
    case pattern(ECMARegex)
    case format(FormatKind, String)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    /// `prefixItems` and `items` (or, in earlier drafts, array-form `items` and `additionalItems`).
    case items(prefix: [Int], rest: Int?, legacy: Bool)
    case contains(Int, min: Int, max: Int?)
    case maxProperties(Int)
    case minProperties(Int)
    case required([String])
    case dependentRequired([(property: String, required: [String])], keyword: String)
    case properties(PropertyApplicators)
    case dependentSchemas([(property: String, node: Int)], keyword: String)
    case propertyNames(Int)
    case ref(Int)
    case dynamicRef(target: Int, anchor: String?)
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(if: Int, then: Int?, else: Int?)
}

/// `properties`, `patternProperties` and `additionalProperties` together: one pass over the
/// instance's members decides which of them applies to each.
final class PropertyApplicators: Sendable {
    let names: [String]
    let nodes: [Int]
    /// For larger `properties` maps, name -> position in `names`.
    let lookup: [JSONKey: Int]?
    let patterns: [(regex: ECMARegex, node: Int)]
    let additional: Int?

    init(properties: [(String, Int)], patterns: [(ECMARegex, Int)], additional: Int?) {
        names = properties.map(\.0)
        nodes = properties.map(\.1)
        if properties.count > 8 {
            var table: [JSONKey: Int] = [:]
            for (i, name) in names.enumerated() { table[JSONKey(name)] = i }
            lookup = table
        } else {
            lookup = nil
        }
        self.patterns = patterns.map { (regex: $0.0, node: $0.1) }
        self.additional = additional
    }

    @inline(__always)
    func position(of name: String) -> Int? {
        if let lookup { return lookup[JSONKey(name)] }
        for i in names.indices where names[i].hasSameCodePoints(as: name) { return i }
        return nil
    }
}

/// A compiled schema object (or boolean schema).
final class SchemaNode: Sendable {
    enum Kind: Sendable {
        case alwaysValid
        case alwaysInvalid
        case keywords
    }

    let kind: Kind
    /// The resource this schema belongs to (for the dynamic scope and absolute locations).
    let resource: Int
    /// JSON pointer of this schema inside its resource.
    let pointer: String
    let general: [Keyword]
    let numeric: [Keyword]
    let string: [Keyword]
    let array: [Keyword]
    let object: [Keyword]
    let inPlace: [Keyword]
    let unevaluatedProperties: Int?
    let unevaluatedItems: Int?

    init(kind: Kind, resource: Int, pointer: String, general: [Keyword] = [], numeric: [Keyword] = [],
        string: [Keyword] = [], array: [Keyword] = [], object: [Keyword] = [], inPlace: [Keyword] = [],
        unevaluatedProperties: Int? = nil, unevaluatedItems: Int? = nil)
    {
        self.kind = kind
        self.resource = resource
        self.pointer = pointer
        self.general = general
        self.numeric = numeric
        self.string = string
        self.array = array
        self.object = object
        self.inPlace = inPlace
        self.unevaluatedProperties = unevaluatedProperties
        self.unevaluatedItems = unevaluatedItems
    }

    var needsAnnotations: Bool { unevaluatedProperties != nil || unevaluatedItems != nil }
}
