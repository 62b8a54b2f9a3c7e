internal import JSONCore

/// One run of a compiled schema over an instance.
///
/// Two modes share the code. The quick mode (`collectingErrors == false`) answers valid or not
/// and stops at the first failure; it keeps no paths, so a valid instance costs no allocation
/// beyond the annotations `unevaluated*` need. The detailed mode, run only when the quick one
/// failed, tracks instance and keyword paths as token stacks and turns them into JSON
/// pointers only when it records an error.
struct Evaluator {
    enum PathToken {
        case key(String)
        case index(Int)

        var text: String {
            switch self {
            case .key(let k): k
            case .index(let i): String(i)
            }
        }
    }

    /// Deepest nesting of schema evaluations; a `$ref` cycle that never moves into the
    /// instance ends here instead of overflowing the stack.
    static let maxDepth = 400

    private let program: CompiledProgram
    private let nodes: [SchemaNode]
    private(set) var collectingErrors: Bool
    private(set) var errors: [ValidationError] = []
    private var instancePath: [PathToken] = []
    private var keywordPath: [PathToken] = []
    /// Resources entered, outermost first: the dynamic scope `$dynamicRef` searches.
    private var scope: [Int] = []
    private var depth = 0

    init(program: CompiledProgram, collectingErrors: Bool) {
        self.program = program
        self.nodes = program.nodes
        self.collectingErrors = collectingErrors
    }

    mutating func run(_ instance: JSONValue) -> Bool {
        var ignored = EvaluatedLocations()
        return evaluate(program.root, instance, &ignored, false)
    }

    // MARK: - Schemas

    /// Evaluates node `n` against `value`. With `wantAnnotations`, adds what it evaluated to
    /// `evaluated` (the caller decides whether a failed result's annotations count).
    mutating func evaluate(_ n: Int, _ value: JSONValue, _ evaluated: inout EvaluatedLocations, _ wantAnnotations: Bool) -> Bool {
        let node = nodes[n]
        switch node.kind {
        case .alwaysValid:
            return true
        case .alwaysInvalid:
            if collectingErrors { reportFalseSchema(node) }
            return false
        case .keywords:
            break
        }
        if depth >= Self.maxDepth {
            if collectingErrors {
                report(node, "$ref", "the schema nests too deeply here (a reference cycle that never reaches a value?)")
            }
            return false
        }
        depth += 1
        let entersResource = scope.last != node.resource
        if entersResource { scope.append(node.resource) }
        defer {
            depth -= 1
            if entersResource { scope.removeLast() }
        }

        let tracking = wantAnnotations || node.needsAnnotations
        var local = EvaluatedLocations()
        var valid = true
        if !applyAll(node.general, node, value, &local, tracking) {
            valid = false
            if !collectingErrors { return false }
        }
        let typed: Bool
        switch value {
        case .number: typed = applyAll(node.numeric, node, value, &local, tracking)
        case .string: typed = applyAll(node.string, node, value, &local, tracking)
        case .array: typed = applyAll(node.array, node, value, &local, tracking)
        case .object: typed = applyAll(node.object, node, value, &local, tracking)
        default: typed = true
        }
        if !typed {
            valid = false
            if !collectingErrors { return false }
        }
        if !applyAll(node.inPlace, node, value, &local, tracking) {
            valid = false
            if !collectingErrors { return false }
        }
        if let u = node.unevaluatedProperties, case .object(let object) = value {
            if !unevaluatedProperties(u, node, object, &local) {
                valid = false
                if !collectingErrors { return false }
            }
        }
        if let u = node.unevaluatedItems, case .array(let items) = value {
            if !unevaluatedItems(u, node, items, &local) {
                valid = false
                if !collectingErrors { return false }
            }
        }
        if wantAnnotations { evaluated.merge(local) }
        return valid
    }

    /// Evaluates a subschema at a child of the instance (a member or an item).
    @inline(__always)
    private mutating func evaluateChild(_ n: Int, _ value: JSONValue, instance token: PathToken, keyword: String,
        _ second: PathToken? = nil) -> Bool
    {
        if collectingErrors {
            instancePath.append(token)
            keywordPath.append(.key(keyword))
            if let second { keywordPath.append(second) }
        }
        var ignored = EvaluatedLocations()
        let result = evaluate(n, value, &ignored, false)
        if collectingErrors {
            instancePath.removeLast()
            keywordPath.removeLast(second == nil ? 1 : 2)
        }
        return result
    }

    /// Evaluates a subschema at the same instance location (`$ref`, `allOf`, ...).
    @inline(__always)
    private mutating func evaluateInPlace(_ n: Int, _ value: JSONValue, _ local: inout EvaluatedLocations, _ tracking: Bool,
        keyword: String, _ second: PathToken? = nil) -> Bool
    {
        if collectingErrors {
            keywordPath.append(.key(keyword))
            if let second { keywordPath.append(second) }
        }
        let result = evaluate(n, value, &local, tracking)
        if collectingErrors { keywordPath.removeLast(second == nil ? 1 : 2) }
        return result
    }

    /// Runs `body` in quick mode (for `not`, `if`, `contains` and the first pass of `anyOf`/`oneOf`,
    /// whose subschemas' errors are not reported as such).
    @inline(__always)
    private mutating func quietly<T>(_ body: (inout Evaluator) -> T) -> T {
        let saved = collectingErrors
        collectingErrors = false
        let result = body(&self)
        collectingErrors = saved
        return result
    }

    // MARK: - Keywords

    /// Applies a node's keywords in order; in quick mode, stops at the first failure.
    @inline(__always)
    private mutating func applyAll(_ keywords: [Keyword], _ node: SchemaNode, _ value: JSONValue,
        _ local: inout EvaluatedLocations, _ tracking: Bool) -> Bool
    {
        // Through the buffer, each keyword is borrowed rather than copied (a measurable cost).
        keywords.withUnsafeBufferPointer { buffer in
            var ok = true
            for i in buffer.indices where !apply(buffer[i], node, value, &local, tracking) {
                if !collectingErrors { return false }
                ok = false
            }
            return ok
        }
    }

    private mutating func apply(_ keyword: borrowing Keyword, _ node: SchemaNode, _ value: JSONValue, _ local: inout EvaluatedLocations,
        _ tracking: Bool) -> Bool
    {
        switch keyword {
        case .type(let types):
            if types.admits(value) { return true }
            if collectingErrors {
                let expected = types.nameList
                report(node, "type", "expected \(ErrorMessages.typeList(expected)), got \(value.typeName)",
                    .typeMismatch(expected: expected, actual: value.typeName))
            }
            return false

        case .const(let expected):
            if value == expected { return true }
            if collectingErrors {
                report(node, "const", "must be \(ErrorMessages.value(expected))", .notInEnum(allowed: [expected]))
            }
            return false

        case .enumeration(let allowed):
            if allowed.contains(value) { return true }
            if collectingErrors {
                let list = allowed.map(ErrorMessages.value).joined(separator: ", ")
                report(node, "enum", "must be one of: \(list)", .notInEnum(allowed: allowed))
            }
            return false

        case .multipleOf(let divisor):
            guard case .number(let n) = value, !NumberChecks.isMultiple(n, of: divisor) else { return true }
            if collectingErrors { report(node, "multipleOf", "must be a multiple of \(ErrorMessages.number(divisor))") }
            return false

        case .maximum(let limit):
            guard case .number(let n) = value, n > limit else { return true }
            if collectingErrors { report(node, "maximum", "must be at most \(ErrorMessages.number(limit))") }
            return false

        case .exclusiveMaximum(let limit):
            guard case .number(let n) = value, n >= limit else { return true }
            if collectingErrors { report(node, "exclusiveMaximum", "must be less than \(ErrorMessages.number(limit))") }
            return false

        case .minimum(let limit):
            guard case .number(let n) = value, n < limit else { return true }
            if collectingErrors { report(node, "minimum", "must be at least \(ErrorMessages.number(limit))") }
            return false

        case .exclusiveMinimum(let limit):
            guard case .number(let n) = value, n <= limit else { return true }
            if collectingErrors { report(node, "exclusiveMinimum", "must be greater than \(ErrorMessages.number(limit))") }
            return false

        case .maxLength(let limit):
            // A string has no more scalars than UTF-8 bytes: count only when that is not enough.
            guard case .string(let s) = value, s.utf8.count > limit, s.unicodeScalars.count > limit else { return true }
            if collectingErrors {
                report(node, "maxLength", "must be at most \(ErrorMessages.plural(limit, "character")) long")
            }
            return false

        case .minLength(let limit):
            // A scalar takes 1 to 4 UTF-8 bytes: count only when the byte count cannot decide.
            guard case .string(let s) = value,
                s.utf8.count < limit || (s.utf8.count / 4 < limit && s.unicodeScalars.count < limit)
            else { return true }
            if collectingErrors {
                report(node, "minLength", "must be at least \(ErrorMessages.plural(limit, "character")) long")
            }
            return false

        case .pattern(let regex):
            guard case .string(let s) = value, !regex.matches(s) else { return true }
            if collectingErrors {
                report(node, "pattern", "must match pattern \(regex.source)", .patternMismatch(pattern: regex.source))
            }
            return false

        case .format(let kind, let name):
            guard case .string(let s) = value, !kind.isValid(s) else { return true }
            if collectingErrors { report(node, "format", "is not a valid \(name)", .invalidFormat(name)) }
            return false

        case .maxItems(let limit):
            guard case .array(let items) = value, items.count > limit else { return true }
            if collectingErrors { report(node, "maxItems", "must have at most \(ErrorMessages.plural(limit, "item"))") }
            return false

        case .minItems(let limit):
            guard case .array(let items) = value, items.count < limit else { return true }
            if collectingErrors { report(node, "minItems", "must have at least \(ErrorMessages.plural(limit, "item"))") }
            return false

        case .uniqueItems:
            guard case .array(let items) = value, let (i, j) = NumberChecks.firstDuplicate(items) else { return true }
            if collectingErrors { report(node, "uniqueItems", "must not contain duplicates (items \(i) and \(j) are equal)") }
            return false

        case .items(let prefix, let rest, let legacy):
            guard case .array(let items) = value else { return true }
            return applyItems(items, prefix, rest, legacy, &local, tracking)

        case .contains(let n, let minimum, let maximum):
            guard case .array(let items) = value else { return true }
            return applyContains(node, items, n, minimum, maximum, &local, tracking)

        case .maxProperties(let limit):
            guard case .object(let object) = value, object.count > limit else { return true }
            if collectingErrors { report(node, "maxProperties", "must have at most \(ErrorMessages.properties(limit))") }
            return false

        case .minProperties(let limit):
            guard case .object(let object) = value, object.count < limit else { return true }
            if collectingErrors { report(node, "minProperties", "must have at least \(ErrorMessages.properties(limit))") }
            return false

        case .required(let names):
            guard case .object(let object) = value else { return true }
            var ok = true
            for name in names where object.position(of: name) == nil {
                if !collectingErrors { return false }
                ok = false
                report(node, "required", "missing required property '\(name)'", .missingProperty(name))
            }
            return ok

        case .dependentRequired(let pairs, let keywordName):
            guard case .object(let object) = value else { return true }
            var ok = true
            for (property, required) in pairs where object.position(of: property) != nil {
                for name in required where object.position(of: name) == nil {
                    if !collectingErrors { return false }
                    ok = false
                    report(node, keywordName, "missing property '\(name)', required when '\(property)' is present",
                        .missingProperty(name), keywordTail: [.key(property)])
                }
            }
            return ok

        case .properties(let applicators):
            guard case .object(let object) = value else { return true }
            return applyProperties(node, object, applicators, &local, tracking)

        case .dependentSchemas(let pairs, let keywordName):
            guard case .object(let object) = value else { return true }
            var ok = true
            for (property, n) in pairs where object.position(of: property) != nil {
                if !evaluateInPlace(n, value, &local, tracking, keyword: keywordName, .key(property)) {
                    if !collectingErrors { return false }
                    ok = false
                }
            }
            return ok

        case .propertyNames(let n):
            guard case .object(let object) = value else { return true }
            var ok = true
            for member in object {
                let before = errors.count
                if !evaluateChild(n, .string(member.key), instance: .key(member.key), keyword: "propertyNames") {
                    if !collectingErrors { return false }
                    ok = false
                    for i in before..<errors.count {
                        errors[i].message = "property name '\(member.key)' " + errors[i].message
                    }
                }
            }
            return ok

        case .ref(let n):
            return evaluateInPlace(n, value, &local, tracking, keyword: "$ref")

        case .dynamicRef(let target, let anchor):
            var destination = target
            if let anchor {
                // The outermost resource in the dynamic scope that defines the anchor wins.
                for r in scope {
                    if let n = program.resources[r].dynamicAnchors[anchor] {
                        destination = n
                        break
                    }
                }
            }
            return evaluateInPlace(destination, value, &local, tracking, keyword: "$dynamicRef")

        case .allOf(let branches):
            var ok = true
            for (i, n) in branches.enumerated() where !evaluateInPlace(n, value, &local, tracking, keyword: "allOf", .index(i)) {
                if !collectingErrors { return false }
                ok = false
            }
            return ok

        case .anyOf(let branches):
            let matched = quietly { me in
                var any = false
                for n in branches {
                    var branch = EvaluatedLocations()
                    if me.evaluate(n, value, &branch, tracking) {
                        any = true
                        if !tracking { break }
                        local.merge(branch)
                    }
                }
                return any
            }
            if matched { return true }
            if collectingErrors {
                report(node, "anyOf", "must match at least one of the anyOf schemas", .noBranchMatched,
                    causes: branchErrors(node, "anyOf", branches, value))
            }
            return false

        case .oneOf(let branches):
            var passing: [Int] = []
            var annotations = EvaluatedLocations()
            let listAll = collectingErrors  // a detailed report names every branch that matched
            quietly { me in
                for (i, n) in branches.enumerated() {
                    var branch = EvaluatedLocations()
                    if me.evaluate(n, value, &branch, tracking) {
                        passing.append(i)
                        annotations = branch
                        if passing.count > 1 && !listAll { break }
                    }
                }
            }
            if passing.count == 1 {
                if tracking { local.merge(annotations) }
                return true
            }
            if collectingErrors {
                if passing.isEmpty {
                    report(node, "oneOf", "must match exactly one of the oneOf schemas, but matches none", .noBranchMatched,
                        causes: branchErrors(node, "oneOf", branches, value))
                } else {
                    let list = passing.map(String.init).joined(separator: ", ")
                    report(node, "oneOf", "must match exactly one of the oneOf schemas, but matches \(list)",
                        .multipleBranchesMatched(passing))
                }
            }
            return false

        case .not(let n):
            let matched = quietly { me in
                var ignored = EvaluatedLocations()
                return me.evaluate(n, value, &ignored, false)
            }
            if !matched { return true }
            if collectingErrors { report(node, "not", "must not match the schema in 'not'") }
            return false

        case .conditional(let condition, let then, let otherwise):
            if then == nil && otherwise == nil && !tracking { return true }
            var conditionAnnotations = EvaluatedLocations()
            let holds = quietly { me in me.evaluate(condition, value, &conditionAnnotations, tracking) }
            if holds {
                if tracking { local.merge(conditionAnnotations) }
                guard let then else { return true }
                return evaluateInPlace(then, value, &local, tracking, keyword: "then")
            }
            guard let otherwise else { return true }
            return evaluateInPlace(otherwise, value, &local, tracking, keyword: "else")
        }
    }

    private mutating func applyItems(_ items: [JSONValue], _ prefix: [Int], _ rest: Int?, _ legacy: Bool,
        _ local: inout EvaluatedLocations, _ tracking: Bool) -> Bool
    {
        var ok = true
        let (prefixKeyword, restKeyword) = legacy && !prefix.isEmpty ? ("items", "additionalItems") : ("prefixItems", "items")
        for (i, item) in items.enumerated() {
            let result: Bool
            if i < prefix.count {
                result = evaluateChild(prefix[i], item, instance: .index(i), keyword: prefixKeyword, .index(i))
            } else if let rest {
                result = evaluateChild(rest, item, instance: .index(i), keyword: restKeyword)
            } else {
                break
            }
            if !result {
                if !collectingErrors { return false }
                ok = false
            }
        }
        if tracking {
            if rest != nil {
                local.allItems = true
            } else {
                local.itemPrefix = max(local.itemPrefix, min(items.count, prefix.count))
            }
        }
        return ok
    }

    private mutating func applyContains(_ node: SchemaNode, _ items: [JSONValue], _ n: Int, _ minimum: Int, _ maximum: Int?,
        _ local: inout EvaluatedLocations, _ tracking: Bool) -> Bool
    {
        var matches = 0
        var matched = PositionSet()
        let mustSeeAll = tracking || maximum != nil
        quietly { me in
            for (i, item) in items.enumerated() {
                var ignored = EvaluatedLocations()
                if me.evaluate(n, item, &ignored, false) {
                    matches += 1
                    if tracking { matched.insert(i) }
                    if !mustSeeAll && matches >= minimum { break }
                }
            }
        }
        if tracking {
            if matches == items.count && !items.isEmpty {
                local.allItems = true
            } else {
                local.items.formUnion(matched)
            }
        }
        if matches < minimum {
            if collectingErrors {
                report(node, "contains", minimum == 1 ? "must contain an item that matches the contains schema"
                    : "must contain at least \(minimum) items that match the contains schema (found \(matches))")
            }
            return false
        }
        if let maximum, matches > maximum {
            if collectingErrors {
                report(node, "maxContains",
                    "must contain at most \(ErrorMessages.plural(maximum, "item")) that match the contains schema (found \(matches))")
            }
            return false
        }
        return true
    }

    private mutating func applyProperties(_ node: SchemaNode, _ object: JSONObject, _ applicators: PropertyApplicators,
        _ local: inout EvaluatedLocations, _ tracking: Bool) -> Bool
    {
        var ok = true
        let members = object.members
        for position in members.indices {
            let key = members[position].key
            var matched = false
            if let i = applicators.position(of: key) {
                matched = true
                if !evaluateChild(applicators.nodes[i], members[position].value, instance: .key(key), keyword: "properties", .key(key)) {
                    if !collectingErrors { return false }
                    ok = false
                }
            }
            for (regex, n) in applicators.patterns where regex.matches(key) {
                matched = true
                if !evaluateChild(n, members[position].value, instance: .key(key), keyword: "patternProperties", .key(regex.source)) {
                    if !collectingErrors { return false }
                    ok = false
                }
            }
            if !matched, let additional = applicators.additional {
                if nodes[additional].kind == .alwaysInvalid {
                    if !collectingErrors { return false }
                    ok = false
                    reportUnknownProperty(nodes[additional], key, keyword: "additionalProperties")
                } else if !evaluateChild(additional, members[position].value, instance: .key(key), keyword: "additionalProperties") {
                    if !collectingErrors { return false }
                    ok = false
                }
            } else if matched && tracking && applicators.additional == nil {
                local.properties.insert(position)
            }
        }
        if tracking && applicators.additional != nil { local.allProperties = true }
        return ok
    }

    private mutating func unevaluatedProperties(_ u: Int, _ node: SchemaNode, _ object: JSONObject,
        _ local: inout EvaluatedLocations) -> Bool
    {
        var ok = true
        if !local.allProperties {
            let members = object.members
            for position in members.indices where !local.properties.contains(position) {
                let key = members[position].key
                if nodes[u].kind == .alwaysInvalid {
                    if !collectingErrors { return false }
                    ok = false
                    reportUnknownProperty(nodes[u], key, keyword: "unevaluatedProperties")
                } else if !evaluateChild(u, members[position].value, instance: .key(key), keyword: "unevaluatedProperties") {
                    if !collectingErrors { return false }
                    ok = false
                }
            }
        }
        local.allProperties = true
        return ok
    }

    private mutating func unevaluatedItems(_ u: Int, _ node: SchemaNode, _ items: [JSONValue], _ local: inout EvaluatedLocations)
        -> Bool
    {
        var ok = true
        if !local.allItems {
            for (i, item) in items.enumerated() where !local.isItemEvaluated(i) {
                if !evaluateChild(u, item, instance: .index(i), keyword: "unevaluatedItems") {
                    if !collectingErrors { return false }
                    ok = false
                }
            }
        }
        local.allItems = true
        return ok
    }

    // MARK: - Errors

    /// Re-runs each branch of a failed `anyOf`/`oneOf` in detailed mode, one `.branch` error each.
    private mutating func branchErrors(_ node: SchemaNode, _ keyword: String, _ branches: [Int], _ value: JSONValue)
        -> [ValidationError]
    {
        var causes: [ValidationError] = []
        let saved = errors
        for (i, n) in branches.enumerated() {
            errors = []
            var ignored = EvaluatedLocations()
            _ = evaluateInPlace(n, value, &ignored, false, keyword: keyword, .index(i))
            let found = errors
            let summary = found.first.map { first in
                found.count == 1 ? first.message : "\(first.message) (and \(found.count - 1) more)"
            } ?? "does not match"
            causes.append(makeError(node, keyword, "branch \(i): \(summary)", .branch(i), causes: found,
                keywordTail: [.index(i)]))
        }
        errors = saved
        return causes
    }

    private mutating func report(_ node: SchemaNode, _ keyword: String, _ message: String,
        _ detail: ValidationError.Detail = .other, causes: [ValidationError] = [], keywordTail: [PathToken] = [])
    {
        errors.append(makeError(node, keyword, message, detail, causes: causes, keywordTail: keywordTail))
    }

    private func makeError(_ node: SchemaNode, _ keyword: String, _ message: String, _ detail: ValidationError.Detail,
        causes: [ValidationError] = [], keywordTail: [PathToken] = [], instanceTail: PathToken? = nil) -> ValidationError
    {
        var instanceTokens = instancePath.map(\.text)
        if let instanceTail { instanceTokens.append(instanceTail.text) }
        let tail = [keyword] + keywordTail.map(\.text)
        return ValidationError(
            instanceLocation: JSONPointer(instanceTokens),
            keywordLocation: JSONPointer(keywordPath.map(\.text) + tail),
            absoluteKeywordLocation: absoluteLocation(node, tail),
            keyword: keyword, message: message, detail: detail, causes: causes)
    }

    private func absoluteLocation(_ node: SchemaNode, _ tail: [String]) -> String? {
        let resource = program.resources[node.resource]
        guard resource.isIdentified else { return nil }
        return resource.uri + "#" + node.pointer + JSONPointer(tail).description
    }

    /// `additionalProperties: false` and `unevaluatedProperties: false`: one error per unknown
    /// property, located at the property.
    private mutating func reportUnknownProperty(_ falseNode: SchemaNode, _ name: String, keyword: String) {
        let error = ValidationError(
            instanceLocation: JSONPointer(instancePath.map(\.text) + [name]),
            keywordLocation: JSONPointer(keywordPath.map(\.text) + [keyword]),
            absoluteKeywordLocation: absoluteLocation(falseNode, []),
            keyword: keyword, message: "unknown property '\(name)'", detail: .additionalProperty(name))
        errors.append(error)
    }

    /// A `false` subschema reached through some applicator: worded after that applicator.
    private mutating func reportFalseSchema(_ node: SchemaNode) {
        let keyword = Self.applicatorKeyword(keywordPath) ?? "false"
        let last = instancePath.last?.text ?? ""
        let message: String
        var detail = ValidationError.Detail.falseSchema
        switch keyword {
        case "additionalProperties", "unevaluatedProperties":
            message = "unknown property '\(last)'"
            detail = .additionalProperty(last)
        case "properties", "patternProperties":
            message = "property '\(last)' is not allowed"
        case "items", "prefixItems", "unevaluatedItems":
            message = "unexpected item at index \(last)"
        case "propertyNames":
            message = "is not allowed as a property name"
        default:
            message = "no value is allowed here (the schema is false)"
        }
        errors.append(ValidationError(
            instanceLocation: JSONPointer(instancePath.map(\.text)),
            keywordLocation: JSONPointer(keywordPath.map(\.text)),
            absoluteKeywordLocation: absoluteLocation(node, []),
            keyword: keyword, message: message, detail: detail))
    }

    /// The applicator keyword that leads to the schema at the end of an evaluation path. Read
    /// from the start, since a property may be named like a keyword.
    static func applicatorKeyword(_ path: [PathToken]) -> String? {
        var keyword: String? = nil
        var i = 0
        while i < path.count {
            let token = path[i].text
            keyword = token
            if ResourceIndex.schemaMapKeywords.contains(token) || ResourceIndex.schemaArrayKeywords.contains(token)
                || token == "dependencies"
            {
                i += 2  // skip the member name or index
            } else {
                i += 1
            }
        }
        return keyword
    }
}
