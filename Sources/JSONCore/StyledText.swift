/// Text for a terminal in runs, some of them styled (bold, a colour). The runs hold the text
/// as it is; only `terminal(color:)` adds escape sequences, after showing every control
/// character of the text itself as a visible escape. So a style can come only from the tool,
/// never from a value inside the text.
public struct StyledText: Sendable, Equatable {
    /// The SGR parameters of the styles this tool uses.
    public enum Style: String, Sendable {
        case bold = "1"
        case red = "1;31"
        case yellow = "1;33"
        case green = "1;32"
        case cyan = "1;36"
    }

    public struct Run: Sendable, Equatable {
        public var text: String
        public var style: Style?
    }

    public private(set) var runs: [Run] = []

    public init(_ text: String = "", _ style: Style? = nil) {
        if !text.isEmpty { runs = [Run(text: text, style: style)] }
    }

    public mutating func append(_ text: String, _ style: Style? = nil) {
        if !text.isEmpty { runs.append(Run(text: text, style: style)) }
    }

    public static func + (a: StyledText, b: StyledText) -> StyledText {
        var out = a
        out.runs += b.runs
        return out
    }

    /// The text without styles or escaping.
    public var plain: String { runs.map(\.text).joined() }

    /// The text for a terminal: each run passed through `transform` (the redactor), its
    /// controls made visible (line breaks kept), then wrapped in its style when `color`.
    public func terminal(color: Bool, transform: (String) -> String = { $0 }) -> String {
        var out = ""
        for run in runs {
            let text = VisibleText.escaped(transform(run.text), keepingLineBreaks: true)
            if color, let style = run.style {
                out += "\u{1B}[\(style.rawValue)m" + text + "\u{1B}[0m"
            } else {
                out += text
            }
        }
        return out
    }
}
