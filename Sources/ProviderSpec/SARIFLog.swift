public import JSONCore

/// One validation run as a SARIF 2.1.0 log, in the subset GitHub code scanning reads: one run,
/// the tool with a rule per diagnostic code that occurs, and a result per diagnostic.
///
/// GitHub shows a result's `message.text` as the alert's title and the rule's descriptions
/// beside it; it shows neither `message.markdown` nor `fixes`. So the fix hint, which is about
/// this result and not the rule, is the message's second sentence ("... Hint: ..."), and stays
/// machine-readable in the result's property bag (`properties.hint`). `fixes` would need exact
/// text replacements; a hint is advice.
public struct SARIFLog: Sendable {
    public struct Tool: Sendable {
        public var name: String
        public var version: String
        public var informationURI: String

        public init(name: String, version: String, informationURI: String) {
            self.name = name
            self.version = version
            self.informationURI = informationURI
        }
    }

    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public var tool: Tool
    /// In report order; a path that could not be read is one with `DiagnosticRules.unreadableCode`.
    public var diagnostics: [Diagnostic]

    public init(tool: Tool, diagnostics: [Diagnostic]) {
        self.tool = tool
        self.diagnostics = diagnostics
    }

    public func json() -> JSONValue {
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONValue] = []
        for d in diagnostics where ruleIndex[d.code] == nil {
            ruleIndex[d.code] = rules.count
            rules.append(object([
                ("id", .string(d.code)),
                ("name", .string(d.code)),
                ("shortDescription", object([("text", .string(DiagnosticRules.shortDescription(d.code)))])),
                ("defaultConfiguration", object([("level", .string(Self.level(d.severity)))])),
            ]))
        }
        let results = diagnostics.map { result($0, ruleIndex: ruleIndex[$0.code]!) }
        let unreadable = diagnostics.filter { $0.code == DiagnosticRules.unreadableCode }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(unreadable.isEmpty))]
        if !unreadable.isEmpty {
            // Also a notification: a path not checked is a condition of the run, not only a finding.
            invocation.append(("toolExecutionNotifications", .array(unreadable.map { d in
                object([
                    ("level", .string("error")),
                    ("message", object([("text", .string(d.message))])),
                    ("locations", .array([location(d)])),
                    ("descriptor", object([("id", .string(d.code))])),
                ])
            })))
        }
        let driver = object([
            ("name", .string(tool.name)),
            ("version", .string(tool.version)),
            ("informationUri", .string(tool.informationURI)),
            ("rules", .array(rules)),
        ])
        let run = object([
            ("tool", object([("driver", driver)])),
            ("invocations", .array([object(invocation)])),
            // SourcePosition columns count Unicode scalars, as libyaml does.
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    private func result(_ d: Diagnostic, ruleIndex: Int) -> JSONValue {
        var text = d.message
        if let hint = d.hint {
            if !text.hasSuffix(".") { text += "." }
            text += " Hint: \(hint)"
        }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(d.code)),
            ("ruleIndex", .number(Double(ruleIndex))),
            ("level", .string(Self.level(d.severity))),
            ("message", object([("text", .string(text))])),
            ("locations", .array([location(d)])),
        ]
        if !d.related.isEmpty {
            // Where a provider declared twice was declared first.
            members.append(("relatedLocations", .array(d.related.enumerated().map { i, place in
                var related = Diagnostic(severity: d.severity, file: place.file, position: place.start, message: "", code: d.code)
                related.end = place.end
                guard case .object(var o) = location(related) else { return location(related) }
                o["id"] = .number(Double(i))
                o["message"] = object([("text", .string("first declared here"))])
                return .object(o)
            })))
        }
        var properties: [(String, JSONValue)] = []
        if let hint = d.hint { properties.append(("hint", .string(hint))) }
        if let pointer = d.pointer { properties.append(("pointer", .string(pointer.description))) }
        if !properties.isEmpty { members.append(("properties", object(properties))) }
        return object(members)
    }

    private func location(_ d: Diagnostic) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", object([("uri", .string(Self.uri(path: d.file)))]))]
        if let start = d.position {
            var region: [(String, JSONValue)] = [
                ("startLine", .number(Double(start.line))),
                ("startColumn", .number(Double(start.column))),
            ]
            if let end = d.end, end.offset > start.offset {
                region.append(("endLine", .number(Double(end.line))))
                region.append(("endColumn", .number(Double(end.column))))
            }
            physical.append(("region", object(region)))
        }
        return object([("physicalLocation", object(physical))])
    }

    static func level(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A file path as given, as a relative (or absolute-path) URI reference: characters a URI
    /// path cannot hold are percent-encoded, and a first segment with ':' gets "./" so that it
    /// is not read as a scheme.
    static func uri(path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Unicode.Scalar(byte)
            if ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                || "-._~!$&'()*+,;=:@/".unicodeScalars.contains(c)
            {
                out.unicodeScalars.append(c)
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        let firstSegment = out.prefix { $0 != "/" }
        return firstSegment.contains(":") ? "./" + out : out
    }

    private func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }
}
