/// What the arrival times of a stream's chunks say about the path to the server.
enum StreamTiming: Equatable {
    /// The chunks came spread out: the stream reached us as the server wrote it.
    case streamed
    /// Everything came in one burst, late: a proxy held the stream back until the end.
    case heldBack
    /// One burst, but so soon that an unbuffered fast server (a mock, a cache) looks the same.
    case tooFastToTell
    /// One burst of one or two chunks: a proxy and a terse server look the same.
    case tooFewChunks

    /// `firstMs` and `lastMs`: when the first and the last data event arrived, from the request.
    init(firstMs: Double, lastMs: Double, chunks: Int, settings: ProbeSettings) {
        if lastMs - firstMs > settings.bufferedSpreadMs {
            self = .streamed
        } else if chunks < 3 {
            self = .tooFewChunks
        } else if firstMs >= settings.bufferedMinimumMs {
            self = .heldBack
        } else {
            self = .tooFastToTell
        }
    }
}
