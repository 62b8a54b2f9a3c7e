public import JSONCore
internal import SystemIO

/// One layer as read: whether it is there, whether it parses, and what it sets.
public struct Layer: Sendable, Equatable {
    public var source: LayerSource
    /// nil when this tool cannot know (remote config).
    public var exists: Bool?
    /// nil when there is nothing to parse (missing, or not read).
    public var parses: Bool?
    /// The top-level object, when it parses.
    public var value: JSONObject?
    /// Why OpenCode's whole config load fails at this layer (it does not parse, a `{file:}`
    /// names a missing file, a key has a type OpenCode's schema refuses): then OpenCode starts
    /// with no config at all, or not at all.
    public var failure: String?

    public var setsEnabledProviders: Bool { value?["enabled_providers"] != nil }
    public var setsDisabledProviders: Bool { value?["disabled_providers"] != nil }

    /// `provider.<id>` here, when this layer defines it.
    public func provider(_ id: String) -> JSONObject? { value?["provider"]?[id]?.objectValue }

    /// Reads `source` as OpenCode would in `situation`. `{env:...}` and `{file:...}` are not
    /// substituted: the JSON is parsed as written (where they stand inside strings), and a
    /// `{file:}` naming a missing file is reported, since OpenCode fails on it.
    static func load(_ source: LayerSource, in situation: Situation) -> Layer {
        var layer = Layer(source: source)
        let text: String
        switch source.kind {
        case .remote, .managedPreferences:
            layer.exists = source.kind == .remote ? nil : true
            return layer
        case .content:
            guard let content = situation.environment[.opencodeConfigContent] else { return layer }
            layer.exists = true
            text = content
        default:
            guard let path = source.path else { return layer }
            do {
                guard let bytes = try Disk.read(path) else {
                    layer.exists = false
                    return layer
                }
                layer.exists = true
                text = String(decoding: bytes, as: UTF8.self)
            } catch {
                layer.exists = true
                layer.failure = "it cannot be read: \(error.reason)"
                return layer
            }
        }
        layer.read(text, in: situation)
        return layer
    }

    init(source: LayerSource) {
        self.source = source
    }

    private mutating func read(_ text: String, in situation: Situation) {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            parses = true
            value = JSONObject()
            return
        }
        do {
            let parsed = try JSONParser.value(text, options: .jsonc)
            guard let object = parsed.objectValue else {
                parses = false
                failure = "it holds a JSON \(parsed.typeName), not an object"
                return
            }
            parses = true
            value = object
            failure = Self.typeProblem(object) ?? missingFile(in: text, situation: situation)
        } catch {
            parses = false
            failure = "it is not valid JSON or JSONC (\(error.position): \(error.message))"
        }
    }

    /// The keys `explain` reads, with a type OpenCode's schema refuses (its load then fails).
    static func typeProblem(_ object: JSONObject) -> String? {
        if let provider = object["provider"], provider.objectValue == nil {
            return "\"provider\" is a JSON \(provider.typeName), not an object"
        }
        for key in ["enabled_providers", "disabled_providers"] {
            guard let list = object[key] else { continue }
            guard let items = list.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                return "\"\(key)\" is not a list of provider ids"
            }
        }
        if let model = object["model"], model.stringValue == nil { return "\"model\" is a JSON \(model.typeName), not a string" }
        return nil
    }

    /// The first `{file:PATH}` whose file is missing (OpenCode: "bad file reference"); tokens
    /// on a line starting with `//` are skipped, as OpenCode skips them. A relative path is taken
    /// from the config file's folder (the working folder for OPENCODE_CONFIG_CONTENT), `~/` from
    /// the home folder.
    private func missingFile(in text: String, situation: Situation) -> String? {
        let locations = situation.locations
        let folder = source.path.map { locations.parent(of: $0) } ?? situation.workingDirectory
        for line in text.lines(omittingEmpty: true) {
            if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("//") { continue }
            var rest = Substring(line)
            while let start = rest.firstRange(of: "{file:") {
                guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
                let reference = String(rest[start.upperBound..<end])
                rest = rest[rest.index(after: end)...]
                let path: String
                if reference.hasPrefix("~/") {
                    guard let home = try? locations.home(for: .opencodeFiles) else { continue }
                    path = locations.joining(home, String(reference.dropFirst(2)))
                } else {
                    path = (try? locations.absolute(reference, from: folder)) ?? reference
                }
                if !Disk.exists(path) {
                    return "{file:\(reference)} names \(path), which does not exist (\"bad file reference\")"
                }
            }
        }
        return nil
    }
}
