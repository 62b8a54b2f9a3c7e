internal import JSONCore

/// The text with every inline API key (`provider.*.options.apiKey` that is not an `{env:}` or
/// `{file:}` reference) replaced by a mask, everything else byte for byte. For showing a file
/// or a diff: it masks keys by where they are, so an old key on disk that the caller does not
/// know is hidden as well. Nil when the text does not parse (then it must not be shown).
/// Keys are matched with Swift's `==` on purpose: it also masks a look-alike ("api\u{212A}ey"),
/// and masking more than OpenCode reads is the safe side for output.
public func redactingAPIKeys(in text: String, mask: String = KeyringKey.mask) -> String? {
    guard let (value, map) = try? JSONParser.parse(text, options: .jsonc) else { return nil }
    guard value["provider"]?.objectValue != nil else { return text }
    let bytes = Array(text.utf8)

    var spans: [Range<Int>] = []
    let root = map.container(at: 0, bytes: bytes)
    for providers in root.members where providers.key == "provider" {
        let providerList = map.container(at: providers.node, bytes: bytes)
        for provider in providerList.members where bytes[provider.value.start.offset] == UInt8(ascii: "{") {
            let fields = map.container(at: provider.node, bytes: bytes)
            for options in fields.members where options.key == "options" && bytes[options.value.start.offset] == UInt8(ascii: "{") {
                for key in map.container(at: options.node, bytes: bytes).members where key.key == "apiKey" {
                    let range = key.value.start.offset..<key.value.end.offset
                    let written = try? JSONParser.value(String(decoding: bytes[range], as: UTF8.self))
                    if let string = written?.stringValue, isReferenceText(string) || string.isEmpty { continue }
                    spans.append(range)
                }
            }
        }
    }
    guard !spans.isEmpty else { return text }

    return masking(spans, of: bytes, with: mask)
}

/// auth.json with every credential in it (`key` of an API entry, `access` and `refresh` of an
/// OAuth one, `token` of a well-known one) replaced by a mask, everything else byte for byte.
/// Nil when the text does not parse.
public func redactingAuthKeys(in text: String, mask: String = KeyringKey.mask) -> String? {
    let bytes = Array(text.utf8)
    guard let outline = try? JSONOutline.read(bytes, options: .jsonc), let root = outline.root else { return nil }
    guard !root.isArray else { return text }
    let secretFields: Set<String> = ["key", "access", "refresh", "token"]
    var spans: [Range<Int>] = []
    for entry in root.members where bytes[entry.valueRange.lowerBound] == UInt8(ascii: "{") {
        let slice = Array(bytes[entry.valueRange])
        guard let inner = try? JSONOutline.read(slice, options: .jsonc), let fields = inner.root else { continue }
        for field in fields.members where field.key.map(secretFields.contains) == true {
            guard case .string = inner.value(of: field) else { continue }
            let start = entry.valueRange.lowerBound
            spans.append((start + field.valueRange.lowerBound)..<(start + field.valueRange.upperBound))
        }
    }
    return masking(spans, of: bytes, with: mask)
}

/// `bytes` with each span (a JSON string value) replaced by `mask` as a JSON string.
private func masking(_ spans: [Range<Int>], of bytes: [UInt8], with mask: String) -> String {
    var out: [UInt8] = []
    var cursor = 0
    for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
        out += bytes[cursor..<span.lowerBound]
        out += Array(JSONWriter.quoted(mask).utf8)
        cursor = span.upperBound
    }
    out += bytes[cursor...]
    return String(decoding: out, as: UTF8.self)
}
