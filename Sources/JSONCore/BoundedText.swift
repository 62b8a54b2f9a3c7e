/// Text kept within a size: a log entry, a stored error, a message built from a huge input.
/// Cut on a UTF-8 boundary, with a marker that says how much was cut.
public enum BoundedText {
    /// `text` when it has at most `maxBytes` bytes of UTF-8; else its start, cut at a scalar
    /// boundary, and " …[N bytes cut]" (the whole result stays within `maxBytes`).
    public static func clipped(_ text: String, maxBytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > maxBytes else { return text }
        // The marker's own length depends on the count: reserve for the longest one.
        let reserve = marker(cut: utf8.count).utf8.count
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, maxBytes - reserve))
        // Back to the start of a scalar (never split a UTF-8 sequence).
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        let kept = utf8.distance(from: utf8.startIndex, to: end)
        return String(decoding: utf8[..<end], as: UTF8.self) + marker(cut: utf8.count - kept)
    }

    static func marker(cut: Int) -> String { " …[\(cut) bytes cut]" }
}
