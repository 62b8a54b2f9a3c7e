internal import CYAML
internal import JSONCore

/// Drives libyaml's event parser over the input and feeds the builder.
enum EventLoop {
    /// Parses `text`, the part of `source` after any byte order mark (`offsetBase` bytes).
    static func run(
        _ text: UnsafeBufferPointer<UInt8>, offsetBase: Int, limits: YAMLLimits, source: [UInt8]
    ) throws(YAMLError) -> YAMLDocument {
        // yaml_parser_t points into itself once given input, so it must not move: heap, not a
        // Swift local. `text` stays valid for the whole call, as libyaml reads it lazily.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }
        let positions = Positions(text: text, offsetBase: offsetBase)
        guard yaml_parser_initialize(parser) != 0 else { throw outOfMemory(positions) }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, text.baseAddress, text.count)
        // Never let libyaml guess UTF-16: its marks would stop matching byte offsets.
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

        var builder = DocumentBuilder(positions: positions, limits: limits, source: source)
        while true {
            guard yaml_parser_parse(parser, event) != 0 else {
                throw ParserFailure.error(from: parser.pointee, positions: &builder.positions)
            }
            defer { yaml_event_delete(event) }
            if try builder.handle(event) { break }
        }
        return try builder.finish()
    }

    private static func outOfMemory(_ positions: Positions) -> YAMLError {
        YAMLError(kind: .tooLarge, message: "libyaml ran out of memory", position: positions.position(ofByte: 0))
    }
}
