#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// The crash harness that ApplyCrashTests relies on: it really kills, it catches a torn write
/// and names the seed, and it counts what it did right.
@Suite struct CrashHarnessTests {
    /// For `/bin/sh` scripts that start other programs (mv, sleep); nothing else is inherited.
    static let environment = ["PATH": "/usr/bin:/bin"]

    @Test func atomicWriterSurvivesRandomKills() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let target = box.work + "/value"
        // Write-then-rename, the shell's version of AtomicFileWriter.
        let loop = #"i=0; while :; do i=$((i+1)); printf 'v%d\n' "$i" > "$1.tmp"; mv "$1.tmp" "$1"; done"#
        let harness = CrashHarness(command: { _ in ["/bin/sh", "-c", loop, "writer", target] },
                                   environment: Self.environment, minimumKills: 12, maximumRuns: 12,
                                   killAfter: .milliseconds(5) ... .milliseconds(40))
        var ends: [ChildProcess.Termination] = []
        let outcome = try harness.run { _, termination in
            ends.append(termination)
            guard let text = fileText(target) else { return }
            guard text.wholeMatch(of: /v[0-9]+\n/) != nil else { throw SandboxError("torn value \(text.debugDescription)") }
        }
        #expect(outcome.killed == 12)
        #expect(outcome.finished == [:])
        #expect(ends == Array(repeating: .signaled(SIGKILL), count: 12))
    }

    @Test func reportsATornStateWithItsSeed() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let target = box.work + "/value"
        // Writes in place in two steps: a kill between them leaves a torn file behind.
        let torn = #"printf 'half' > "$1"; sleep 5; printf 'whole' > "$1""#
        let harness = CrashHarness(command: { _ in ["/bin/sh", "-c", torn, "writer", target] },
                                   environment: Self.environment, minimumKills: 3, maximumRuns: 3,
                                   killAfter: .milliseconds(200) ... .milliseconds(250), seed: 42)
        let start = ContinuousClock.now
        let failure = #expect(throws: CrashHarness.Failure.self) {
            try harness.run { _, _ in
                if fileBytes(target) != Array("whole".utf8) { throw SandboxError("torn") }
            }
        }
        #expect(failure?.iteration == 1)
        #expect(failure?.seed == 42)
        #expect(failure?.description.contains("seed 42") == true)
        #expect(failure?.description.hasSuffix(": torn") == true)
        // The process group was killed: `sleep 5` did not keep running the test.
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func countsRunsThatFinishBeforeTheKill() throws {
        let harness = CrashHarness(command: { _ in ["/bin/sh", "-c", "exit 0"] },
                                   environment: Self.environment, minimumKills: 1, maximumRuns: 2,
                                   killAfter: .milliseconds(300) ... .milliseconds(300))
        var checked: [Int] = []
        let outcome = try harness.run { iteration, termination in
            #expect(termination == .exited(0))
            checked.append(iteration)
        }
        #expect(outcome == CrashHarness.Outcome(killed: 0, finished: [0: 2]))
        #expect(outcome.finishedCount == 2)
        #expect(checked == [1, 2])
    }

    @Test func commandChangesFromRunToRunAndStderrIsKeptForTheCheck() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let stderrFile = box.root + "/stderr"
        // Odd runs end at once with their run number as the exit code; even runs wait to be killed.
        let harness = CrashHarness(
            command: { run in
                ["/bin/sh", "-c", run % 2 == 1 ? "echo run $1 >&2; exit $1" : "echo run $1 >&2; exec sleep 5", "run",
                 String(run)]
            },
            environment: Self.environment, minimumKills: 2, maximumRuns: 10,
            killAfter: .milliseconds(300) ... .milliseconds(400), stderrFile: stderrFile)
        var seen: [String] = []
        let outcome = try harness.run { run, termination in
            let expected: ChildProcess.Termination = run % 2 == 1 ? .exited(Int32(run)) : .signaled(SIGKILL)
            #expect(termination == expected, "run \(run)")
            seen.append(fileText(stderrFile) ?? "")
        }
        // It stopped at the second kill (run 4), well before maximumRuns.
        #expect(outcome == CrashHarness.Outcome(killed: 2, finished: [1: 1, 3: 1]))
        #expect(seen == ["run 1\n", "run 2\n", "run 3\n", "run 4\n"])
    }

    @Test func sameSeedGivesTheSameDelays() {
        var first = SplitMix64(seed: 7), second = SplitMix64(seed: 7)
        #expect((0..<5).map { _ in first.next() } == (0..<5).map { _ in second.next() })
    }
}
