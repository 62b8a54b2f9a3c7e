import FoundationEssentials

public struct ProbeSettings: Sendable {
    /// Bound of each check (each HTTP exchange), seconds; also the idle read bound.
    public var timeout: Double
    /// Bound of the TCP connect (and so of the TLS start), seconds.
    public var connectTimeout: Double
    /// Providers probed at the same time.
    public var concurrency: Int
    /// The tool-call check (two more requests per model).
    public var tools: Bool
    /// A PEM file of extra trusted CAs.
    public var caFile: String?
    /// A stream whose events all arrive within `bufferedSpreadMs` was held back by a proxy when
    /// they came at least `bufferedMinimumMs` after the request. Sooner, a fast server that
    /// writes everything at once (a mock, a cache) looks the same, so the probe cannot tell.
    public var bufferedSpreadMs: Double = 25
    public var bufferedMinimumMs: Double = 1000

    public init(timeout: Double = 20, connectTimeout: Double? = nil, concurrency: Int = 4, tools: Bool = true, caFile: String? = nil) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout ?? min(timeout, 5)
        self.concurrency = max(1, concurrency)
        self.tools = tools
        self.caFile = caFile
    }
}
