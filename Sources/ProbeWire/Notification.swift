/// A webhook delivery the agent hands to `provider-sync-probe notify` on its standard input
/// (never in its arguments: the headers may hold a token): where, with which headers, the
/// event's JSON text, and how to retry.
public struct NotificationRequest: Codable, Sendable, Equatable {
    public struct Header: Codable, Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var url: String
    public var headers: [Header]
    /// The JSON text POSTed, as is.
    public var body: String
    /// The wait before each retry, in order: one retry per entry.
    public var retryDelaysMilliseconds: [Int]
    /// The bound of each attempt.
    public var timeoutMilliseconds: Int

    public init(url: String, headers: [Header], body: String, retryDelaysMilliseconds: [Int], timeoutMilliseconds: Int) {
        self.url = url
        self.headers = headers
        self.body = body
        self.retryDelaysMilliseconds = retryDelaysMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}

/// What `provider-sync-probe notify` prints, one line of JSON, when it is done.
public struct NotificationResult: Codable, Sendable, Equatable {
    public var delivered: Bool
    public var attempts: Int
    /// The last answer's HTTP status; nil when none came.
    public var status: Int?
    /// Why the last attempt failed (without the URL's path or any header).
    public var error: String?

    public init(delivered: Bool, attempts: Int, status: Int?, error: String?) {
        self.delivered = delivered
        self.attempts = attempts
        self.status = status
        self.error = error
    }
}
