import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// AsyncHTTPClient with the probe's bounds: connect, idle read (so also the first byte) and a
/// deadline for the whole exchange, all enforced on the event loop. Connection attempts are not
/// retried: a refused port is reported at once instead of after the deadline.
final class HTTPTransport: Sendable {
    let client: HTTPClient
    let timeout: TimeAmount
    let timeoutSeconds: Double

    init(timeoutSeconds: Double, connectTimeoutSeconds: Double, caFile: String?) throws {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: Self.tls(trusting: [caFile].compactMap { $0 }),
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(connectTimeoutSeconds * 1000)),
                           read: .milliseconds(Int64(timeoutSeconds * 1000)))
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(50))
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        timeout = .milliseconds(Int64(timeoutSeconds * 1000))
        self.timeoutSeconds = timeoutSeconds
    }

    /// The system's trust store plus the CAs in these PEM files.
    static func tls(trusting caFiles: [String]) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = caFiles.map { .file($0) }
        return tls
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends the request and reads the whole body (at most `limit` bytes), timing each read.
    /// `tls`: this request's own TLS settings (a provider's CA), else the client's.
    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)], body: String? = nil,
              tls: TLSConfiguration? = nil, limit: Int = 4 << 20) async throws(TransportFailure) -> Exchange {
        var recorder: ArrivalRecorder?
        do {
            var request = try HTTPClient.Request(url: url, method: method, tlsConfiguration: tls)
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            // A connection of its own for every check: servers (llama-server after a stream)
            // close connections they answered keep-alive for, and a request sent on one fails
            // before it reaches them. It also makes each check's time include its connect.
            request.headers.replaceOrAdd(name: "Connection", value: "close")
            if let body {
                request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
                request.body = .string(body)
            }
            let started = ArrivalRecorder(start: .now, limit: limit, url: request.url)
            recorder = started
            return try await client.execute(request: request, delegate: started, deadline: .now() + timeout).get()
        } catch {
            throw TransportFailure.classify(error, url: url, timeoutSeconds: timeoutSeconds, progress: recorder?.progress)
        }
    }
}
