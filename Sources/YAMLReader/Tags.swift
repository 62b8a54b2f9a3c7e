/// A node's tag, as libyaml resolved it (`!!int` arrives as `tag:yaml.org,2002:int`).
enum Tag: Equatable {
    /// No tag: the schema decides from the text (plain scalars) or the style.
    case none
    /// `!`: a scalar is a string; a collection is what it looks like.
    case nonSpecific
    case str, int, float, bool, null, map, seq
    /// Anything else (local tags, `!!binary`, `!!timestamp`, …), kept for the message.
    case other(String)

    private static let corePrefix = "tag:yaml.org,2002:"

    init(_ pointer: UnsafeMutablePointer<UInt8>?) {
        guard let pointer else {
            self = .none
            return
        }
        let text = String(cString: pointer)
        if text == "!" {
            self = .nonSpecific
            return
        }
        guard text.hasPrefix(Self.corePrefix) else {
            self = .other(text)
            return
        }
        switch text.dropFirst(Self.corePrefix.count) {
        case "str": self = .str
        case "int": self = .int
        case "float": self = .float
        case "bool": self = .bool
        case "null": self = .null
        case "map": self = .map
        case "seq": self = .seq
        default: self = .other(text)
        }
    }

    /// How the user most likely wrote it: `!!int` rather than the full URI.
    var display: String {
        switch self {
        case .none: ""
        case .nonSpecific: "!"
        case .str: "!!str"
        case .int: "!!int"
        case .float: "!!float"
        case .bool: "!!bool"
        case .null: "!!null"
        case .map: "!!map"
        case .seq: "!!seq"
        case .other(let text):
            text.hasPrefix(Self.corePrefix) ? "!!" + text.dropFirst(Self.corePrefix.count) : text
        }
    }
}
