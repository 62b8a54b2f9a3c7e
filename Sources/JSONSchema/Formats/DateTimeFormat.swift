/// RFC 3339 dates, times and date-times, and the ISO 8601 durations of RFC 3339 appendix A.
enum DateTimeFormat {
    static func isDateTime(_ b: [UInt8]) -> Bool {
        guard b.count > 11, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") else { return false }
        return isDate(Array(b[0..<10])) && isTime(b[11...])
    }

    /// full-date: YYYY-MM-DD with the day in range for the month (and leap years).
    static func isDate(_ b: [UInt8]) -> Bool {
        let s = b[...]
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let year = digits(s, 0, 4), let month = digits(s, 5, 2), let day = digits(s, 8, 2),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM). A leap second (:60) must fall at 23:59 UTC.
    static func isTime(_ b: ArraySlice<UInt8>) -> Bool {
        let s = b.startIndex
        guard b.count >= 9, b[s + 2] == UInt8(ascii: ":"), b[s + 5] == UInt8(ascii: ":"),
            let hour = digits(b, s, 2), let minute = digits(b, s + 3, 2), let second = digits(b, s + 6, 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var i = s + 8
        if i < b.endIndex, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.endIndex, isASCIIDigit(b[i]) { i += 1 }
            guard i > start else { return false }
        }
        guard i < b.endIndex else { return false }
        var offsetMinutes = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.endIndex - i == 6, b[i + 3] == UInt8(ascii: ":"),
                let oh = digits(b, i + 1, 2), let om = digits(b, i + 4, 2), oh <= 23, om <= 59
            else { return false }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// "P" then date parts (Y, M, D in order) and/or "T" with time parts (H, M, S in order),
    /// or weeks alone; each part is digits followed by its unit.
    static func isDuration(_ b: [UInt8]) -> Bool {
        guard b.first == UInt8(ascii: "P"), b.count > 1 else { return false }
        var i = 1
        func readParts(_ units: [UInt8]) -> [UInt8]? {
            var seen: [UInt8] = []
            var order = 0
            while i < b.count, b[i] != UInt8(ascii: "T") {
                let start = i
                while i < b.count, isASCIIDigit(b[i]) { i += 1 }
                guard i > start, i < b.count, let index = units.firstIndex(of: b[i]), index >= order else { return nil }
                order = index + 1
                seen.append(b[i])
                i += 1
            }
            return seen
        }
        guard let dateUnits = readParts([UInt8(ascii: "Y"), UInt8(ascii: "M"), UInt8(ascii: "W"), UInt8(ascii: "D")]) else {
            return false
        }
        if dateUnits.contains(UInt8(ascii: "W")) && dateUnits.count > 1 { return false }
        var timeUnits: [UInt8] = []
        if i < b.count {
            guard !dateUnits.contains(UInt8(ascii: "W")) else { return false }
            i += 1  // T
            guard let units = readParts([UInt8(ascii: "H"), UInt8(ascii: "M"), UInt8(ascii: "S")]), !units.isEmpty,
                i == b.count
            else { return false }
            timeUnits = units
        }
        return !dateUnits.isEmpty || !timeUnits.isEmpty
    }
}
