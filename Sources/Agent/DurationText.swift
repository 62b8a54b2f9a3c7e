/// Durations as agent.yaml writes them: a whole number and a unit, `500ms`, `30s`, `5m`, `1h`.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "5ms" also ends in "s": the digits-only check below picks the right unit.
            guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber),
                  let value = Int64(number), value > 0, value <= Int64.max / unit.milliseconds / 1_000_000
            else { continue }
            return .milliseconds(value * unit.milliseconds)
        }
        return nil
    }

    /// The shortest exact text: 300000 ms -> "5m", 1500 ms -> "1500ms".
    public static func format(_ duration: Duration) -> String {
        let milliseconds = milliseconds(duration)
        for (suffix, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)] where milliseconds % size == 0 && milliseconds >= size {
            return "\(milliseconds / size)\(suffix)"
        }
        return "\(milliseconds)ms"
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
