import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Collects a response on its event loop, stamping each body read with the time it came off
/// the socket. Timing where the body is consumed instead would bunch reads together whenever
/// the consuming task waits for a thread, and a stream would look held back by a proxy.
final class ArrivalRecorder: HTTPClientResponseDelegate, Sendable {
    typealias Response = Exchange

    private struct State {
        var status = 0
        var contentType = ""
        var body: [UInt8] = []
        var arrivals: [(ms: Double, bytes: Int)] = []
        var headMs = 0.0
    }

    private let start: ContinuousClock.Instant
    private let limit: Int
    private let state = NIOLockedValueBox(State())

    init(start: ContinuousClock.Instant, limit: Int) {
        self.start = start
        self.limit = limit
    }

    private func elapsedMs() -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    func didReceiveHead(task: HTTPClient.Task<Exchange>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let ms = elapsedMs()
        state.withLockedValue {
            // After a redirect only the last head counts.
            $0 = State(status: Int(head.status.code), contentType: head.headers.first(name: "content-type") ?? "", headMs: ms)
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Exchange>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let ms = elapsedMs()
        state.withLockedValue {
            $0.arrivals.append((ms, buffer.readableBytes))
            $0.body.append(contentsOf: buffer.readableBytesView.prefix(max(0, limit - $0.body.count)))
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Exchange>) throws -> Exchange {
        let ms = elapsedMs()
        return state.withLockedValue {
            Exchange(status: $0.status, contentType: $0.contentType, body: $0.body, arrivals: $0.arrivals,
                     headMs: $0.headMs, totalMs: ms)
        }
    }
}
