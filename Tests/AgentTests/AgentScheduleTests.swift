@testable import Agent
import Testing

@Suite("agent: durations and the poll schedule")
struct AgentScheduleTests {
    @Test("durations as agent.yaml writes them", arguments: [
        ("500ms", 500), ("1s", 1000), ("30s", 30_000), ("5m", 300_000), ("1h", 3_600_000), ("90m", 5_400_000),
    ])
    func parse(text: String, milliseconds: Int64) {
        #expect(DurationText.parse(text) == .milliseconds(milliseconds))
    }

    @Test("not durations", arguments: ["", "5", "m", "0s", "-1s", "1.5s", "5 m", "5min", "1d", "٣s"])
    func reject(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("formatting picks the largest exact unit")
    func format() {
        #expect(DurationText.format(.seconds(300)) == "5m")
        #expect(DurationText.format(.seconds(3600)) == "1h")
        #expect(DurationText.format(.milliseconds(1500)) == "1500ms")
        #expect(DurationText.format(.seconds(90)) == "90s")
    }

    @Test("after a success: the interval +-10%, never more")
    func jitter() {
        let schedule = PollSchedule(interval: .seconds(300))
        #expect(schedule.delay(afterErrors: 0, random: -1) == .seconds(270))
        #expect(schedule.delay(afterErrors: 0, random: 1) == .seconds(330))
        #expect(schedule.delay(afterErrors: 0, random: 0) == .seconds(300))
        for _ in 0..<1000 {
            let d = schedule.delay(afterErrors: 0)
            #expect(d >= .seconds(270) && d <= .seconds(330))
        }
    }

    @Test("errors double the wait, up to 10 intervals or an hour")
    func backoff() {
        let five = PollSchedule(interval: .seconds(300))
        #expect(five.maximumDelay == .seconds(3000))
        #expect([1, 2, 3, 4, 5, 50].map { five.delay(afterErrors: $0, random: 0) }
            == [.seconds(600), .seconds(1200), .seconds(2400), .seconds(3000), .seconds(3000), .seconds(3000)])
        let one = PollSchedule(interval: .seconds(1))
        #expect([1, 2, 3, 4, 5].map { one.delay(afterErrors: $0, random: 0) } == [.seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        // An hour caps a long interval's back-off, but a wait is never shorter than the interval.
        #expect(PollSchedule(interval: .seconds(900)).maximumDelay == .seconds(3600))
        #expect(PollSchedule(interval: .seconds(7200)).delay(afterErrors: 3, random: 0) == .seconds(7200))
    }
}
