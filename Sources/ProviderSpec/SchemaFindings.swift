internal import JSONCore
internal import JSONSchema

/// Turns schema validation errors into findings people can act on: unknown names at their key
/// with a "did you mean", a failing anyOf explained by the branch the value was meant for.
struct SchemaFindings {
    let schema: JSONValue

    func findings(for errors: [ValidationError], in document: JSONValue) -> [Finding] {
        let all = errors.flatMap { explain($0, in: document) }
        // "unknown 'modles', did you mean 'models'?" already says 'models' is missing.
        let guessed = Set(all.compactMap { f in f.suggestion.flatMap { f.pointer.parent?.appending($0) } })
        return all.filter { f in
            guard f.code == "schema.required", let missing = f.missing else { return true }
            return !guessed.contains(f.pointer.appending(missing))
        }
    }

    private func explain(_ error: ValidationError, in document: JSONValue) -> [Finding] {
        if !error.causes.isEmpty, error.keyword == "anyOf" || error.keyword == "oneOf" {
            let branch = bestBranch(error.causes, at: error.instanceLocation)
            if !branch.isEmpty { return branch.flatMap { explain($0, in: document) } }
        }
        var finding = Finding(
            severity: .error, pointer: error.instanceLocation, message: error.message,
            code: "schema.\(error.keyword)")
        switch error.detail {
        case .additionalProperty(let name):
            finding.atKey = true
            finding.message = "unknown property '\(name)'"
            let known = knownProperties(near: error)
            if let guess = DidYouMean.suggestion(for: name, among: known) {
                finding.hint = "did you mean '\(guess)'?"
                finding.suggestion = guess
            } else if !known.isEmpty {
                finding.hint = "known properties here: \(known.joined(separator: ", "))"
            }
        case .missingProperty(let name):
            finding.atKey = true
            finding.message = "missing required property '\(name)'"
            finding.missing = name
            if error.keyword == "dependentRequired" {
                finding.hint = "context and output go together (OpenCode needs both): add '\(name)'"
            }
        case .notInEnum(let allowed):
            if let text = document.value(at: error.instanceLocation)?.stringValue,
               let guess = DidYouMean.suggestion(for: text, among: allowed.compactMap(\.stringValue)) {
                finding.hint = "did you mean '\(guess)'?"
            }
        default:
            if error.keyword == "pattern" || error.keyword == "propertyNames" {
                finding.hint = patternHint(error)
            }
            if error.keyword == "pattern", let control = controlCharacter(at: error.instanceLocation, in: document) {
                finding.message = "\(control) is not allowed here: it would be written into opencode.json and every request as it is"
                finding.hint = "remove it (a CR or LF in a header splits the request; an escape sequence reaches terminals)"
                finding.code = "spec.control-character"
            }
        }
        if error.keyword == "propertyNames" || error.instanceLocation.tokens.count == 2 && error.instanceLocation.tokens[0] == "providers" && error.keyword == "pattern" {
            finding.atKey = true
        }
        return [finding]
    }

    /// Picks the branch the value was most likely meant for: the one whose errors go deepest,
    /// i.e. not a type mismatch at the value itself.
    private func bestBranch(_ branches: [ValidationError], at location: JSONPointer) -> [ValidationError] {
        var best: [ValidationError] = []
        var bestScore = -1
        for branch in branchGroups(branches) {
            let typeAtValue = branch.contains { $0.keyword == "type" && $0.instanceLocation == location }
            let score = typeAtValue ? 0 : 1 + branch.map(\.instanceLocation.tokens.count).max()!
            if score > bestScore {
                bestScore = score
                best = branch
            }
        }
        return best
    }

    /// Each cause of a failed anyOf/oneOf is one branch, holding that branch's own errors.
    private func branchGroups(_ causes: [ValidationError]) -> [[ValidationError]] {
        causes.map { cause in
            if case .branch = cause.detail { return cause.causes }
            return [cause]
        }
    }

    /// The property names the schema allows where an unknown one was found, read from the
    /// schema object that holds the failing `additionalProperties`.
    private func knownProperties(near error: ValidationError) -> [String] {
        guard let absolute = error.absoluteKeywordLocation, let hash = absolute.firstIndex(of: "#"),
            let pointer = JSONPointer(parsing: String(absolute[absolute.index(after: hash)...]).removingPercentEncodingSafe),
            let parent = pointer.parent, let properties = schema.value(at: parent.appending("properties"))?.objectValue
        else { return [] }
        return properties.keys
    }

    /// "a control character (U+000D carriage return)" when the value at `location`, or the
    /// property name it ends in, holds one.
    private func controlCharacter(at location: JSONPointer, in document: JSONValue) -> String? {
        for text in [document.value(at: location)?.stringValue, location.last].compactMap({ $0 }) {
            guard let s = text.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { continue }
            let names: [UInt32: String] = [0x09: "tab", 0x0A: "line feed", 0x0D: "carriage return", 0x1B: "escape", 0x00: "NUL", 0x7F: "delete"]
            let code = String(s.value, radix: 16, uppercase: true)
            let number = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
            return "a control character (\(number)\(names[s.value].map { " \($0)" } ?? ""))"
        }
        return nil
    }

    private func patternHint(_ error: ValidationError) -> String? {
        let tokens = error.instanceLocation.tokens
        if tokens.count == 2, tokens[0] == "providers" {
            return "provider ids use lowercase letters, digits, '.', '_' and '-', start with a letter or digit, and have no '/'"
        }
        if tokens.last == "url" {
            return "write an http:// or https:// URL such as http://localhost:8000 or https://host/v1"
        }
        if tokens.last == "model" || tokens.last == "smallModel" {
            return "write \"<providerId>/<modelId>\""
        }
        return nil
    }
}

extension String {
    /// Percent-decoding for JSON-pointer fragments; the text is returned as is if it is malformed.
    var removingPercentEncodingSafe: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%"), let h = it.next(), let l = it.next(),
                let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(v)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
