@testable import Agent
import Foundation
import Testing

@Suite("agent: times in status, log and metrics")
struct AgentTimeTests {
    /// Times across a few seconds, in steps finer than a millisecond, and the one a CI run caught:
    /// status.json said .855 where the metrics file, written from memory, said .856.
    static let times = (0..<20_000).map { 1_796_503_482 + Double($0) * 0.000_137 } + [1_796_503_482.8559]

    @Test("a time read back and written again is the same text (status.json is rewritten every cycle from itself)")
    func stableThroughRewrites() throws {
        var changed: [String] = []
        for time in Self.times {
            let text = AgentTime.text(Date(timeIntervalSince1970: time))
            let back = try #require(AgentTime.parse(text))
            if AgentTime.text(back) != text { changed.append(text) }
        }
        #expect(changed.count == 0, "\(changed.count) texts changed when read back and written again, first \(changed.prefix(3))")
    }

    @Test("status and log show the millisecond the metrics file shows, from memory or read back")
    func sameMillisecondAsMetrics() throws {
        var different: [String] = []
        for time in Self.times {
            let text = AgentTime.text(Date(timeIntervalSince1970: time))
            let shown = try #require(Int64(text.split(separator: ".")[1].prefix(3)))
            let back = try #require(AgentTime.parse(text)).timeIntervalSince1970
            for metric in [MetricsTextfile.number(time), MetricsTextfile.number(back)] {
                // A whole second is written without a fraction.
                let milliseconds = Int64((try #require(Double(metric)) * 1000).rounded())
                if milliseconds % 1000 != shown { different.append("\(text) against \(metric)") }
            }
        }
        #expect(different.count == 0, "\(different.count) differ, first \(different.prefix(3))")
    }
}
