#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

@Suite struct CrashHarnessTests {
    @Test func atomicWriterSurvivesRandomKills() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("value")
        // Write-then-rename, the shell's version of AtomicFileWriter.
        let loop = #"i=0; while :; do i=$((i+1)); printf 'v%d\n' "$i" > "$1.tmp"; mv "$1.tmp" "$1"; done"#
        let harness = CrashHarness(command: ["/bin/sh", "-c", loop, "writer", target],
                                   iterations: 12, killAfter: .milliseconds(5) ... .milliseconds(40))
        let outcome = try harness.run { _ in
            guard let text = contents(target).map({ String(decoding: $0, as: UTF8.self) }) else { return }
            guard text.wholeMatch(of: /v[0-9]+\n/) != nil else { throw FileSystemTestError("torn value \(text.debugDescription)") }
        }
        #expect(outcome.killed == 12)
        #expect(outcome.finished == 0)
    }

    @Test func reportsATornStateWithItsSeed() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let target = tmp("value")
        // Writes in place in two steps: a kill between them leaves a torn file behind.
        let torn = #"printf 'half' > "$1"; sleep 5; printf 'whole' > "$1""#
        let harness = CrashHarness(command: ["/bin/sh", "-c", torn, "writer", target],
                                   iterations: 3, killAfter: .milliseconds(200) ... .milliseconds(250), seed: 42)
        let start = ContinuousClock.now
        let failure = #expect(throws: CrashHarness.Failure.self) {
            try harness.run { _ in
                if contents(target) != bytes("whole") { throw FileSystemTestError("torn") }
            }
        }
        #expect(failure?.iteration == 1)
        #expect(failure?.description.contains("seed 42") == true)
        // The process group was killed: `sleep 5` did not keep running the test.
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func countsRunsThatFinishBeforeTheKill() throws {
        let harness = CrashHarness(command: ["/bin/sh", "-c", "exit 0"],
                                   iterations: 2, killAfter: .milliseconds(300) ... .milliseconds(300))
        var checked: [Int] = []
        let outcome = try harness.run { checked.append($0) }
        #expect(outcome == CrashHarness.Outcome(killed: 0, finished: 2))
        #expect(checked == [1, 2])
    }

    @Test func sameSeedGivesTheSameDelays() {
        var first = SplitMix64(seed: 7), second = SplitMix64(seed: 7)
        #expect((0..<5).map { _ in first.next() } == (0..<5).map { _ in second.next() })
    }
}
