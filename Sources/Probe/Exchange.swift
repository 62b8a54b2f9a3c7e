import FoundationEssentials
internal import JSONCore

/// One HTTP exchange as the probe saw it: the status, the body, and when each piece of the body
/// arrived (to tell a stream from a stream a proxy held back).
struct Exchange: Sendable {
    var status: Int
    var contentType: String
    var body: [UInt8]
    /// Milliseconds from sending the request to each body read, with its size. Taken on the
    /// event loop as the bytes come off the socket, so a busy caller does not bunch them up.
    var arrivals: [(ms: Double, bytes: Int)]
    /// Milliseconds to the response head.
    var headMs: Double
    var totalMs: Double
    /// Where the answer came from when a redirect led to another origin (scheme, host or
    /// port), to which the HTTP client sends no Authorization header: "http://host:port".
    var redirectedTo: String?

    var text: String { String(decoding: body, as: UTF8.self) }

    var looksLikeHTML: Bool {
        if contentType.lowercased().contains("text/html") { return true }
        let start = text.prefix(512).trimming(while: \.isWhitespace).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
    }

    var succeeded: Bool { (200..<300).contains(status) }
}
