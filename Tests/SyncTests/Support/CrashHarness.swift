#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Crash-consistency harness: runs a command, kills it with SIGKILL at a random moment, then
/// checks that what it left on disk is acceptable; repeats `iterations` times.
///
/// Meant for the `apply` crash test: run the built `provider-sync apply` against a temporary
/// HOME and check after every kill that opencode.json is either the old or the new document,
/// never a torn one, and that a following run succeeds. The delays come from a seeded
/// generator; a failure reports the seed, so a run can be repeated with the same delays.
///
///     let harness = CrashHarness(command: [binary, "apply"], environment: env,
///                                iterations: 50, killAfter: .milliseconds(1) ... .milliseconds(80))
///     let outcome = try harness.run { iteration in
///         guard isOldOrNew(read(target)) else { throw Torn(iteration) }
///     }
///     // outcome.killed tells how many runs were really interrupted.
///
/// A run that ends on its own before its delay counts as `finished` and is checked the same way.
/// Lives in the test target; copy it next to the CLI tests when `apply` is wired.
struct CrashHarness: Sendable {
    struct Outcome: Equatable, Sendable {
        /// Runs ended by our SIGKILL.
        var killed = 0
        /// Runs that ended on their own before the delay ran out.
        var finished = 0
    }

    struct Failure: Error, CustomStringConvertible {
        let iteration: Int
        let seed: UInt64
        let delay: Duration
        let underlying: any Error

        var description: String {
            "crash check failed after run \(iteration) (killed after \(delay), seed \(seed)): \(underlying)"
        }
    }

    var command: [String]
    var environment: [String: String] = ProcessInfo.processInfo.environment
    var iterations: Int
    var killAfter: ClosedRange<Duration>
    var seed: UInt64 = UInt64.random(in: 0...UInt64.max)

    /// Runs the command `iterations` times; `check` gets the 1-based run number and throws
    /// when the files on disk are wrong. Stops at the first failed check.
    func run(check: (_ iteration: Int) throws -> Void) throws -> Outcome {
        var generator = SplitMix64(seed: seed)
        var outcome = Outcome()
        let low = killAfter.lowerBound / .nanoseconds(1)
        let high = killAfter.upperBound / .nanoseconds(1)
        for iteration in 1...max(1, iterations) {
            let delay = Duration.nanoseconds(Int64(Double.random(in: low...high, using: &generator)))
            let child = try ChildProcess(command, environment: environment)
            Thread.sleep(forTimeInterval: delay / .seconds(1))
            // If the child already ended it is a zombie until waited for: the pid is still ours.
            child.kill(SIGKILL)
            switch child.wait() {
            case .signaled(SIGKILL): outcome.killed += 1
            default: outcome.finished += 1
            }
            do {
                try check(iteration)
            } catch {
                throw Failure(iteration: iteration, seed: seed, delay: delay, underlying: error)
            }
        }
        return outcome
    }
}

/// A small seedable generator (SplitMix64), so a failing run's delays can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
