internal import JSONCore

/// Turns a schema (and whatever it references) into a `CompiledProgram`. Locations are
/// compiled once each, through a work list, so recursive references simply reuse the node.
struct SchemaCompiler {
    private var index: ResourceIndex
    private let options: ValidationOptions
    private var nodeIndex: [SchemaLocation: Int] = [:]
    private var nodes: [SchemaNode?] = []
    private var pending: [SchemaLocation] = []
    private var usedResources: Set<Int> = []
    private var usesDynamicAnchors = false

    static func compile(_ schema: JSONValue, options: ValidationOptions, registry: SchemaRegistry) throws(SchemaError)
        -> CompiledProgram
    {
        var compiler = SchemaCompiler(index: ResourceIndex(registry: registry, defaultMetaschema: options.defaultMetaschema),
            options: options)
        let document = try compiler.index.addDocument(schema, uri: ResourceIndex.placeholderBase)
        let root = compiler.node(for: SchemaLocation(document: document, tokens: []))
        try compiler.drain()
        let dynamicAnchors = try compiler.compileDynamicAnchors()
        let resources = compiler.index.resources.enumerated().map { r, resource in
            CompiledResource(uri: resource.uri.description,
                isIdentified: resource.uri.scheme != ResourceIndex.placeholderBase.scheme,
                dynamicAnchors: dynamicAnchors[r] ?? [:])
        }
        return CompiledProgram(nodes: compiler.nodes.map { $0! }, resources: resources, root: root)
    }

    private init(index: ResourceIndex, options: ValidationOptions) {
        self.index = index
        self.options = options
    }

    /// The node for a location, queued for compilation the first time it is asked for.
    private mutating func node(for location: SchemaLocation) -> Int {
        if let existing = nodeIndex[location] { return existing }
        nodes.append(nil)
        let n = nodes.count - 1
        nodeIndex[location] = n
        pending.append(location)
        return n
    }

    private mutating func drain() throws(SchemaError) {
        while let location = pending.popLast() {
            let node = try compileNode(at: location)
            nodes[nodeIndex[location]!] = node
        }
    }

    /// `$dynamicRef` may land on the `$dynamicAnchor` of any resource in the dynamic scope, so
    /// every resource evaluation can enter gets its dynamic anchors compiled.
    private mutating func compileDynamicAnchors() throws(SchemaError) -> [Int: [String: Int]] {
        guard usesDynamicAnchors else { return [:] }
        var result: [Int: [String: Int]] = [:]
        var done: Set<Int> = []
        while true {
            let todo = usedResources.subtracting(done)
            if todo.isEmpty { break }
            for r in todo.sorted() {
                done.insert(r)
                let resource = index.resources[r]
                for (name, tokens) in resource.dynamicAnchors {
                    result[r, default: [:]][name] = node(
                        for: SchemaLocation(document: resource.location.document, tokens: tokens))
                }
            }
            try drain()
        }
        return result
    }

    // MARK: - Compiling one schema

    private mutating func compileNode(at location: SchemaLocation) throws(SchemaError) -> SchemaNode {
        let r = index.resourceOf(location)
        usedResources.insert(r)
        let resource = index.resources[r]
        let pointer = JSONPointer(Array(location.tokens.dropFirst(resource.location.tokens.count))).description
        guard let value = index.value(at: location) else {
            throw SchemaError(message: "no schema at this location", schemaLocation: index.describe(location))
        }
        switch value {
        case .bool(let b):
            return SchemaNode(kind: b ? .alwaysValid : .alwaysInvalid, resource: r, pointer: pointer)
        case .object(let object):
            return try compileObject(object, at: location, resource: r, pointer: pointer)
        default:
            throw SchemaError(message: "a schema must be an object or a boolean, not \(value.typeName)",
                schemaLocation: index.describe(location))
        }
    }

    private mutating func compileObject(_ o: JSONObject, at location: SchemaLocation, resource r: Int, pointer: String)
        throws(SchemaError) -> SchemaNode
    {
        let vocabularies = index.resources[r].vocabularies
        let dialect = index.resources[r].dialect
        var general: [Keyword] = []
        var numeric: [Keyword] = []
        var string: [Keyword] = []
        var array: [Keyword] = []
        var object: [Keyword] = []
        var inPlace: [Keyword] = []
        var unevaluatedProperties: Int? = nil
        var unevaluatedItems: Int? = nil
        // Keywords 2019-09 introduced mean nothing in the older drafts.
        let modern = dialect >= .draft201909

        func fail(_ key: String, _ message: String) -> SchemaError {
            SchemaError(message: "'\(key)' \(message)", schemaLocation: index.describe(child(location, key)))
        }

        // Core: references.
        if let ref = o["$ref"] {
            guard case .string(let text) = ref else { throw fail("$ref", "must be a string") }
            let (target, _) = try resolve(text, from: location, keyword: "$ref")
            inPlace.append(.ref(node(for: target)))
        }
        if dialect < .draft201909, !inPlace.isEmpty {
            // Before 2019-09, "$ref" replaces the schema it sits in: its siblings are ignored.
            return SchemaNode(kind: .keywords, resource: r, pointer: pointer, inPlace: inPlace)
        }
        if let ref = o["$dynamicRef"], dialect == .draft202012 {
            guard case .string(let text) = ref else { throw fail("$dynamicRef", "must be a string") }
            let (target, dynamicAnchor) = try resolve(text, from: location, keyword: "$dynamicRef")
            if dynamicAnchor != nil { usesDynamicAnchors = true }
            inPlace.append(.dynamicRef(target: node(for: target), anchor: dynamicAnchor))
        }

        // Validation vocabulary.
        if vocabularies.contains(.validation) {
            if let type = o["type"] {
                general.append(.type(try typeSet(type, fail)))
            }
            if let value = o["const"] { general.append(.const(value)) }
            if let value = o["enum"] {
                guard case .array(let allowed) = value else { throw fail("enum", "must be an array") }
                general.append(.enumeration(allowed))
            }
            if let value = o["multipleOf"] {
                guard case .number(let n) = value, n > 0 else { throw fail("multipleOf", "must be a number greater than 0") }
                numeric.append(.multipleOf(n))
            }
            for (key, make) in [
                ("maximum", Keyword.maximum), ("exclusiveMaximum", Keyword.exclusiveMaximum),
                ("minimum", Keyword.minimum), ("exclusiveMinimum", Keyword.exclusiveMinimum),
            ] as [(String, (Double) -> Keyword)] {
                guard let value = o[key] else { continue }
                if dialect == .draft4, key.hasPrefix("exclusive"), case .bool = value { continue }
                guard case .number(let n) = value else { throw fail(key, "must be a number") }
                // Draft 4 wrote an exclusive bound as a boolean beside maximum/minimum.
                if dialect == .draft4, key == "maximum", o["exclusiveMaximum"] == .bool(true) {
                    numeric.append(.exclusiveMaximum(n))
                } else if dialect == .draft4, key == "minimum", o["exclusiveMinimum"] == .bool(true) {
                    numeric.append(.exclusiveMinimum(n))
                } else {
                    numeric.append(make(n))
                }
            }
            if let n = try count(o, "maxLength", fail) { string.append(.maxLength(n)) }
            if let n = try count(o, "minLength", fail) { string.append(.minLength(n)) }
            if let value = o["pattern"] {
                guard case .string(let source) = value else { throw fail("pattern", "must be a string") }
                string.append(.pattern(try regex(source, "pattern", fail)))
            }
            if let n = try count(o, "maxItems", fail) { array.append(.maxItems(n)) }
            if let n = try count(o, "minItems", fail) { array.append(.minItems(n)) }
            if let value = o["uniqueItems"] {
                guard case .bool(let unique) = value else { throw fail("uniqueItems", "must be a boolean") }
                if unique { array.append(.uniqueItems) }
            }
            if let n = try count(o, "maxProperties", fail) { object.append(.maxProperties(n)) }
            if let n = try count(o, "minProperties", fail) { object.append(.minProperties(n)) }
            if let value = o["required"] {
                object.append(.required(try stringArray(value, "required", fail)))
            }
            if modern, let value = o["dependentRequired"] {
                guard case .object(let members) = value else { throw fail("dependentRequired", "must be an object") }
                var pairs: [(property: String, required: [String])] = []
                for (name, list) in members { pairs.append((name, try stringArray(list, "dependentRequired", fail))) }
                object.append(.dependentRequired(pairs, keyword: "dependentRequired"))
            }
            // Draft 7's "dependencies", array form (still common in the wild).
            if case .object(let members)? = o["dependencies"] {
                var pairs: [(property: String, required: [String])] = []
                for (name, list) in members {
                    if case .array = list { pairs.append((name, try stringArray(list, "dependencies", fail))) }
                }
                if !pairs.isEmpty { object.append(.dependentRequired(pairs, keyword: "dependencies")) }
            }
        }

        // Format: asserted when the options or the metaschema's vocabularies ask for it.
        if let value = o["format"], vocabularies.contains(.formatAnnotation) || vocabularies.contains(.formatAssertion) {
            guard case .string(let name) = value else { throw fail("format", "must be a string") }
            if options.formatAssertion || vocabularies.contains(.formatAssertion), let kind = FormatKind(rawValue: name) {
                string.append(.format(kind, name))
            }
        }

        // Applicator vocabulary.
        if vocabularies.contains(.applicator) {
            var properties: [(String, Int)] = []
            if let value = o["properties"] {
                guard case .object(let members) = value else { throw fail("properties", "must be an object") }
                for (name, _) in members { properties.append((name, node(for: child(location, "properties", name)))) }
            }
            var patterns: [(ECMARegex, Int)] = []
            if let value = o["patternProperties"] {
                guard case .object(let members) = value else { throw fail("patternProperties", "must be an object") }
                for (source, _) in members {
                    patterns.append((try regex(source, "patternProperties", fail), node(for: child(location, "patternProperties", source))))
                }
            }
            let additional = o["additionalProperties"].map { _ in node(for: child(location, "additionalProperties")) }
            if !properties.isEmpty || !patterns.isEmpty || additional != nil {
                object.append(.properties(PropertyApplicators(properties: properties, patterns: patterns, additional: additional)))
            }
            if modern, let value = o["dependentSchemas"] {
                guard case .object(let members) = value else { throw fail("dependentSchemas", "must be an object") }
                let pairs = members.map { (property: $0.key, node: node(for: child(location, "dependentSchemas", $0.key))) }
                object.append(.dependentSchemas(pairs, keyword: "dependentSchemas"))
            }
            if case .object(let members)? = o["dependencies"] {
                var pairs: [(property: String, node: Int)] = []
                for (name, member) in members {
                    if case .array = member { continue }
                    pairs.append((name, node(for: child(location, "dependencies", name))))
                }
                if !pairs.isEmpty { object.append(.dependentSchemas(pairs, keyword: "dependencies")) }
            }
            if o["propertyNames"] != nil { object.append(.propertyNames(node(for: child(location, "propertyNames")))) }

            var prefix: [Int] = []
            var rest: Int? = nil
            if dialect < .draft202012 {
                // Earlier drafts: an array "items" is the tuple, "additionalItems" the rest.
                if case .array(let items)? = o["items"] {
                    prefix = items.indices.map { node(for: child(location, "items", String($0))) }
                    rest = o["additionalItems"].map { _ in node(for: child(location, "additionalItems")) }
                } else {
                    rest = o["items"].map { _ in node(for: child(location, "items")) }
                }
            } else {
                if let value = o["prefixItems"] {
                    guard case .array(let items) = value else { throw fail("prefixItems", "must be an array of schemas") }
                    prefix = items.indices.map { node(for: child(location, "prefixItems", String($0))) }
                }
                rest = o["items"].map { _ in node(for: child(location, "items")) }
            }
            if !prefix.isEmpty || rest != nil {
                array.append(.items(prefix: prefix, rest: rest, legacy: dialect < .draft202012))
            }
            if o["contains"] != nil {
                let containsNode = node(for: child(location, "contains"))
                var minimum = 1
                var maximum: Int? = nil
                if modern, vocabularies.contains(.validation) {
                    minimum = try count(o, "minContains", fail) ?? 1
                    maximum = try count(o, "maxContains", fail)
                }
                array.append(.contains(containsNode, min: minimum, max: maximum))
            }

            for key in ["allOf", "anyOf", "oneOf"] {
                guard let value = o[key] else { continue }
                guard case .array(let items) = value, !items.isEmpty else { throw fail(key, "must be a non-empty array of schemas") }
                let children = items.indices.map { node(for: child(location, key, String($0))) }
                inPlace.append(key == "allOf" ? .allOf(children) : key == "anyOf" ? .anyOf(children) : .oneOf(children))
            }
            if o["not"] != nil { inPlace.append(.not(node(for: child(location, "not")))) }
            if o["if"] != nil {
                let condition = node(for: child(location, "if"))
                let then = o["then"].map { _ in node(for: child(location, "then")) }
                let otherwise = o["else"].map { _ in node(for: child(location, "else")) }
                // Kept even without then/else: the annotations of "if" still count for unevaluated*.
                inPlace.append(.conditional(if: condition, then: then, else: otherwise))
            }
        }

        if vocabularies.contains(.unevaluated) {
            unevaluatedProperties = o["unevaluatedProperties"].map { _ in node(for: child(location, "unevaluatedProperties")) }
            unevaluatedItems = o["unevaluatedItems"].map { _ in node(for: child(location, "unevaluatedItems")) }
        }

        return SchemaNode(kind: .keywords, resource: r, pointer: pointer, general: general, numeric: numeric,
            string: string, array: array, object: object, inPlace: inPlace,
            unevaluatedProperties: unevaluatedProperties, unevaluatedItems: unevaluatedItems)
    }

    private func child(_ location: SchemaLocation, _ tokens: String...) -> SchemaLocation {
        SchemaLocation(document: location.document, tokens: location.tokens + tokens)
    }

    // MARK: - Keyword values

    private func typeSet(_ value: JSONValue, _ fail: (String, String) -> SchemaError) throws(SchemaError) -> TypeSet {
        func one(_ name: JSONValue) throws(SchemaError) -> TypeSet {
            guard case .string(let s) = name, let t = TypeSet.names.first(where: { $0.0 == s })?.1 else {
                throw fail("type", "must name JSON Schema types (null, boolean, object, array, number, string, integer)")
            }
            return t
        }
        if case .array(let names) = value {
            var set: TypeSet = []
            for name in names { set.formUnion(try one(name)) }
            return set
        }
        return try one(value)
    }

    private func count(_ o: JSONObject, _ key: String, _ fail: (String, String) -> SchemaError) throws(SchemaError) -> Int? {
        guard let value = o[key] else { return nil }
        guard case .number(let n) = value, n.isIntegral, n >= 0 else { throw fail(key, "must be a non-negative integer") }
        return n >= 9.2e18 ? Int.max : Int(n)
    }

    private func stringArray(_ value: JSONValue, _ key: String, _ fail: (String, String) -> SchemaError) throws(SchemaError)
        -> [String]
    {
        guard case .array(let items) = value else { throw fail(key, "must be an array of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw fail(key, "must be an array of strings") }
            out.append(s)
        }
        return out
    }

    private func regex(_ source: String, _ key: String, _ fail: (String, String) -> SchemaError) throws(SchemaError) -> ECMARegex {
        do {
            return try ECMARegex(source)
        } catch {
            throw fail(key, "has an invalid regular expression '\(source)': \(error.message)")
        }
    }

    // MARK: - References

    /// Resolves a `$ref`/`$dynamicRef` against the base URI in scope. Returns the target and,
    /// when the fragment names a `$dynamicAnchor` of the target resource, that name.
    private mutating func resolve(_ reference: String, from location: SchemaLocation, keyword: String)
        throws(SchemaError) -> (SchemaLocation, String?)
    {
        let base = index.resources[index.resourceOf(location)].uri
        let target = URIReference(reference).resolved(against: base)
        func unresolvable(_ why: String) -> SchemaError {
            SchemaError(message: "cannot resolve \(keyword) '\(reference)': \(why)",
                schemaLocation: index.describe(child(location, keyword)))
        }
        guard let r = try index.resource(for: target) else {
            throw unresolvable("no schema is known as \(target.withoutFragment)")
        }
        let resource = index.resources[r]
        let fragment = target.fragment ?? ""
        if fragment.isEmpty { return (resource.location, nil) }
        guard let decoded = percentDecoded(fragment) else { throw unresolvable("bad percent-encoding in the fragment") }
        if decoded.hasPrefix("/") {
            guard let pointer = JSONPointer(parsing: decoded) else { throw unresolvable("bad JSON pointer") }
            let found = SchemaLocation(document: resource.location.document, tokens: resource.location.tokens + pointer.tokens)
            guard index.value(at: found) != nil else { throw unresolvable("nothing at \(decoded)") }
            return (found, nil)
        }
        guard let tokens = resource.anchors[decoded] else { throw unresolvable("no anchor '\(decoded)' in \(resource.uri)") }
        let dynamic = resource.dynamicAnchors[decoded] != nil ? decoded : nil
        return (SchemaLocation(document: resource.location.document, tokens: tokens), dynamic)
    }
}
