#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Crash-consistency harness: runs a command, kills it with SIGKILL at a random moment, then
/// checks what it left on disk; repeats until enough runs were killed. Its own tests are in
/// CrashHarnessTests.
///
/// Here the command line may change from run to run (`command(iteration)`), so the apply test
/// can alternate between two specs and the file really changes every time; and the delay can
/// count from the moment the run starts writing (`writesStartIn`), to aim kills at the writes. The delays come
/// from a seeded generator; a failure reports the seed, so a run can be repeated.
struct CrashHarness {
    struct Outcome: Equatable, Sendable {
        /// Runs ended by our SIGKILL.
        var killed = 0
        /// Runs that ended on their own before the delay ran out, by exit status.
        var finished: [Int32: Int] = [:]

        var finishedCount: Int { finished.values.reduce(0, +) }
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

    var command: (_ iteration: Int) -> [String]
    var environment: [String: String]
    /// Runs go on until this many were really killed...
    var minimumKills: Int
    /// ...or this many were started.
    var maximumRuns: Int
    var killAfter: ClosedRange<Duration>
    var seed: UInt64 = UInt64.random(in: 0...UInt64.max)
    /// Where each run's stderr goes (overwritten by the next run), for the check to read.
    var stderrFile = "/dev/null"
    /// When set, `killAfter` counts from the first file the run creates in these folders (the
    /// start of its writes) instead of from its start.
    var writesStartIn: FolderWatch? = nil

    /// Runs the command until `minimumKills` runs were killed; `check` gets the 1-based run
    /// number and how the run ended, and throws when the files on disk are wrong. Stops at the
    /// first failed check.
    func run(check: (_ iteration: Int, _ termination: ChildProcess.Termination) throws -> Void) throws -> Outcome {
        var generator = SplitMix64(seed: seed)
        var outcome = Outcome()
        let low = killAfter.lowerBound / .nanoseconds(1)
        let high = killAfter.upperBound / .nanoseconds(1)
        var iteration = 0
        while outcome.killed < minimumKills && iteration < maximumRuns {
            iteration += 1
            let delay = Duration.nanoseconds(Int64(Double.random(in: low...high, using: &generator)))
            writesStartIn?.drain()
            let child = try ChildProcess(command(iteration), environment: environment, stderr: stderrFile)
            if let watch = writesStartIn, !watch.waitForCreation(timeout: .seconds(10)) {
                throw Failure(iteration: iteration, seed: seed, delay: delay,
                              underlying: SandboxError("the run wrote nothing within 10 s"))
            }
            Thread.sleep(forTimeInterval: delay / .seconds(1))
            // If the child already ended it is a zombie until waited for: the pid is still ours.
            child.kill(SIGKILL)
            let termination = child.wait()
            switch termination {
            case .signaled(SIGKILL): outcome.killed += 1
            case .exited(let code): outcome.finished[code, default: 0] += 1
            case .signaled: break
            }
            do {
                try check(iteration, termination)
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
