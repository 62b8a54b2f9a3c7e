import AsyncHTTPClient
import FoundationEssentials
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Collects a response on its event loop, stamping each body read with the time it came off
/// the socket. Timing where the body is consumed instead would bunch reads together whenever
/// the consuming task waits for a thread, and a stream would look held back by a proxy.
///
/// A body longer than `limit` ends the request (`BodyTooLarge`): a server that never stops
/// sending costs at most that much memory and is reported as such, not as "no answer".
final class ArrivalRecorder: HTTPClientResponseDelegate, Sendable {
    typealias Response = Exchange

    struct BodyTooLarge: Error { var limit: Int }

    /// What was seen before a failure: for saying that an answer began but never ended.
    struct Progress: Sendable {
        var status: Int?
        var bodyBytes: Int
        var redirectedTo: String?
    }

    private struct State {
        var status = 0
        var headSeen = false
        var contentType = ""
        var body: [UInt8] = []
        var bodyBytes = 0
        var arrivals: [(ms: Double, bytes: Int)] = []
        var headMs = 0.0
        var redirectedTo: String?
    }

    private let start: ContinuousClock.Instant
    private let limit: Int
    private let origin: String?
    private let state = NIOLockedValueBox(State())

    init(start: ContinuousClock.Instant, limit: Int, url: URL?) {
        self.start = start
        self.limit = limit
        origin = url.flatMap(Self.origin)
    }

    var progress: Progress {
        state.withLockedValue { Progress(status: $0.headSeen ? $0.status : nil, bodyBytes: $0.bodyBytes, redirectedTo: $0.redirectedTo) }
    }

    /// "scheme://host:port", the default port filled in.
    static func origin(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        return "\(scheme)://\(host):\(url.port ?? (scheme == "https" ? 443 : 80))"
    }

    func didVisitURL(task: HTTPClient.Task<Exchange>, _ request: HTTPClient.Request, _ head: HTTPResponseHead) {
        let visited = Self.origin(request.url)
        state.withLockedValue { $0.redirectedTo = visited == origin ? nil : visited }
    }

    private func elapsedMs() -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    func didReceiveHead(task: HTTPClient.Task<Exchange>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let ms = elapsedMs()
        state.withLockedValue {
            // After a redirect only the last head counts.
            $0 = State(status: Int(head.status.code), headSeen: true, contentType: head.headers.first(name: "content-type") ?? "",
                       headMs: ms, redirectedTo: $0.redirectedTo)
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Exchange>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let ms = elapsedMs()
        let within = state.withLockedValue {
            $0.arrivals.append((ms, buffer.readableBytes))
            $0.bodyBytes += buffer.readableBytes
            $0.body.append(contentsOf: buffer.readableBytesView.prefix(max(0, limit - $0.body.count)))
            return $0.bodyBytes <= limit
        }
        return within ? task.eventLoop.makeSucceededVoidFuture() : task.eventLoop.makeFailedFuture(BodyTooLarge(limit: limit))
    }

    func didFinishRequest(task: HTTPClient.Task<Exchange>) throws -> Exchange {
        let ms = elapsedMs()
        return state.withLockedValue {
            Exchange(status: $0.status, contentType: $0.contentType, body: $0.body, arrivals: $0.arrivals,
                     headMs: $0.headMs, totalMs: ms, redirectedTo: $0.redirectedTo)
        }
    }
}
