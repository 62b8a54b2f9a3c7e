#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A condition that did not hold in time.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public let description: String
}

/// Waits until `condition` holds, looking every 20 ms, for at most `timeout`: how a test waits
/// for another process (a status file, a log line), never with a fixed sleep. A condition that
/// throws ends the wait with its error (the process it waits on has exited, say).
public func waitUntil(_ what: @autoclosure () -> String, timeout: Duration = .seconds(20),
                      _ condition: () throws -> Bool) throws {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try condition() { return }
        guard ContinuousClock.now < deadline else {
            throw WaitTimedOut(description: "\(what()) did not happen within \(timeout)")
        }
        usleep(20_000)
    }
}
