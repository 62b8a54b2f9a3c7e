internal import JSONCore

/// Reads a YAML text holding one document into a JSON value and a source map, with the
/// YAML 1.2 core schema, through libyaml's event API.
///
/// Everything JSON cannot say exactly is an error with a position rather than a guess:
/// duplicate keys, keys that are not strings, tags outside the core schema, infinity and NaN,
/// integers beyond 2^53, more than one document. Aliases are expanded (within a budget); merge
/// keys (`<<`) are ordinary string keys, as in YAML 1.2.
public enum YAMLDocumentReader {
    /// Reads UTF-8 bytes (a leading byte order mark is allowed) holding exactly one document.
    /// Throws a `YAMLError` with the position of the first problem; an input with no content
    /// throws kind `.empty`, which the caller may treat as it likes.
    public static func read(_ bytes: [UInt8], limits: YAMLLimits = .init()) throws(YAMLError) -> YAMLDocument {
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> YAMLDocument in
            try read(buffer: buffer, source: bytes, limits: limits)
        }
    }

    /// Reads a text holding exactly one document; see `read(_:limits:)` for bytes.
    public static func read(_ text: String, limits: YAMLLimits = .init()) throws(YAMLError) -> YAMLDocument {
        // The source map keeps the bytes, so they are copied out of the String once.
        try read(Array(text.utf8), limits: limits)
    }

    /// `buffer` is `source`'s storage, which the source map keeps.
    private static func read(
        buffer: UnsafeBufferPointer<UInt8>, source: [UInt8], limits: YAMLLimits
    ) throws(YAMLError) -> YAMLDocument {
        let start = SourcePosition(line: 1, column: 1, offset: 0)
        guard buffer.count <= limits.maxBytes else {
            throw YAMLError(
                kind: .tooLarge,
                message: "the input is \(buffer.count) bytes; the limit is \(limits.maxBytes) bytes",
                position: start)
        }
        if let encoding = otherUnicodeEncoding(buffer) {
            throw YAMLError(
                kind: .invalidUTF8, message: "the input is \(encoding); save it as UTF-8", position: start)
        }
        // A UTF-8 byte order mark is dropped here: libyaml, told the encoding, would count it as
        // a column of the first line. Offsets still count it, as they count bytes of the input.
        var body = buffer
        var skipped = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            body = UnsafeBufferPointer(rebasing: buffer[3...])
            skipped = 3
        }
        guard !body.isEmpty else {
            throw YAMLError(
                kind: .empty, message: "the document is empty",
                position: SourcePosition(line: 1, column: 1, offset: skipped))
        }
        return try EventLoop.run(body, offsetBase: skipped, limits: limits, source: source)
    }

    /// libyaml would decode UTF-16 itself, but then its marks would no longer map to byte
    /// offsets; the project's files are UTF-8, so say plainly what is wrong instead.
    private static func otherUnicodeEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32 (big-endian)" }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return "UTF-32 (little-endian)" }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return "UTF-16 (big-endian)" }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return "UTF-16 (little-endian)" }
        return nil
    }
}
