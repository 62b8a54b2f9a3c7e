internal import CYAML
internal import JSONCore

/// Turns libyaml's error state into a YAMLError: its problem, its context, and a position.
enum ParserFailure {
    static func error(from parser: yaml_parser_t, positions: inout Positions) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_READER_ERROR:
            // The reader knows only a byte offset (marks are not set yet).
            let position = positions.position(ofByte: parser.problem_offset)
            let value = parser.problem_value
            if problem.contains("UTF-8") || problem.contains("Unicode") {
                return YAMLError(
                    kind: .invalidUTF8, message: "invalid UTF-8: \(problem)\(byteNote(value))", position: position)
            }
            var message = problem + codePointNote(value)
            if value == 0 {
                message += "; a NUL byte often means the file is UTF-16 without a byte order mark"
            } else if value > 0 {
                message += "; write it as an escape (\\u\(pad4(hex(value)))) in a double-quoted string"
            }
            return YAMLError(kind: .syntax, message: message, position: position)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            var message = problem
            if let context = parser.context {
                message += " (\(String(cString: context)) at \(positions.position(parser.context_mark)))"
            }
            var error = YAMLError(kind: .syntax, message: message, position: positions.position(parser.problem_mark))
            if positions.isIndentationTab(atOffset: error.position.offset) {
                error.hint = "YAML forbids tabs for indentation; indent with spaces"
            }
            return error
        case YAML_MEMORY_ERROR:
            return YAMLError(
                kind: .tooLarge, message: "libyaml ran out of memory", position: positions.position(parser.problem_mark)
            )
        default:
            return YAMLError(kind: .syntax, message: problem, position: positions.position(parser.problem_mark))
        }
    }

    private static func byteNote(_ value: Int32) -> String {
        value >= 0 && value <= 0xFF ? " (byte 0x\(hex(value)))" : ""
    }

    private static func codePointNote(_ value: Int32) -> String {
        value >= 0 ? " (U+\(pad4(hex(value))))" : ""
    }

    private static func pad4(_ digits: String) -> String {
        String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func hex(_ value: Int32) -> String { String(value, radix: 16, uppercase: true) }
}
