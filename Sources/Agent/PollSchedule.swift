/// When the agent polls next. After a success, or a revision that failed a check, the next
/// poll is one interval away with +-10% jitter, so that many workstations started together
/// spread out over the interval instead of reaching the git host at once. After errors (the
/// host unreachable, the keychain locked) the wait doubles with each one, up to 10 intervals
/// or an hour, whichever is less (never less than one interval), also with jitter.
public struct PollSchedule: Sendable, Equatable {
    public static let jitter = 0.1
    public static let backoffFactorLimit = 10
    public static let backoffTimeLimit: Duration = .seconds(3600)

    public var interval: Duration

    public init(interval: Duration) {
        self.interval = interval
    }

    /// The longest wait between polls.
    public var maximumDelay: Duration {
        max(interval, min(interval * Self.backoffFactorLimit, Self.backoffTimeLimit))
    }

    /// The wait before the next poll. `errors` is the number of consecutive errors (0 after a
    /// success); `random` is in -1...1 and picks the jitter.
    public func delay(afterErrors errors: Int, random: Double) -> Duration {
        var base = interval
        for _ in 0..<min(max(errors, 0), 32) where base < maximumDelay { base = base * 2 }
        base = min(base, maximumDelay)
        let factor = 1 + Self.jitter * min(1, max(-1, random))
        return base * factor
    }

    public func delay(afterErrors errors: Int) -> Duration {
        delay(afterErrors: errors, random: Double.random(in: -1...1))
    }
}
