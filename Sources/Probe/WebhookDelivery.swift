import NIOHTTP1
public import ProbeWire

/// One webhook delivery with its retries: a POST of the event, again after each of the
/// request's delays while the answer is a failure worth retrying (no answer, 408, 429, 5xx).
/// Another 4xx is final: the same request would be refused again.
public enum WebhookDelivery {
    /// The most bytes read of an answer: only its status matters.
    static let answerLimit = 64 * 1024

    public static func deliver(_ request: NotificationRequest, userAgent: String) async -> NotificationResult {
        let seconds = Double(max(request.timeoutMilliseconds, 1)) / 1000
        let transport: HTTPTransport
        do {
            transport = try HTTPTransport(timeoutSeconds: seconds, connectTimeoutSeconds: min(seconds, 5), caFile: nil)
        } catch {
            return NotificationResult(delivered: false, attempts: 0, status: nil, error: "the HTTP client could not start: \(error)")
        }
        let headers = request.headers.map { ($0.name, $0.value) } + [("User-Agent", userAgent)]
        var result = NotificationResult(delivered: false, attempts: 0, status: nil, error: nil)
        for attempt in 0...request.retryDelaysMilliseconds.count {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(request.retryDelaysMilliseconds[attempt - 1])) }
            result.attempts += 1
            do {
                let answer = try await transport.send(.POST, request.url, headers: headers, body: request.body, limit: answerLimit)
                result.status = answer.status
                if answer.succeeded {
                    result.delivered = true
                    result.error = nil
                    break
                }
                result.error = "HTTP \(answer.status)"
                guard retryable(answer.status) else { break }
            } catch {
                result.status = nil
                result.error = error.summary
            }
        }
        await transport.shutdown()
        return result
    }

    static func retryable(_ status: Int) -> Bool { status == 408 || status == 429 || status >= 500 }
}
