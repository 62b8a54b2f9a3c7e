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

    /// RFC 3339 appendix A: "P", then weeks alone, or date parts and/or "T" with time parts.
    /// Each part is digits and a unit; the parts present are consecutive in Y M D (and in
    /// H M S): a year is followed by a month before a day ("P1Y2D" is not a duration), an
    /// hour by a minute before a second.
    static func isDuration(_ b: [UInt8]) -> Bool {
        guard b.first == UInt8(ascii: "P") else { return false }
        var i = 1
        /// Reads parts up to "T" or the end; nil when a unit is unknown or out of sequence.
        func readParts(_ units: [UInt8]) -> Int? {
            var next: Int? = nil
            var count = 0
            while i < b.count, b[i] != UInt8(ascii: "T") {
                let start = i
                while i < b.count, isASCIIDigit(b[i]) { i += 1 }
                guard i > start, i < b.count, let unit = units.firstIndex(of: b[i]), next == nil || unit == next else {
                    return nil
                }
                next = unit + 1
                count += 1
                i += 1
            }
            return count
        }
        if b.count > 2, b.last == UInt8(ascii: "W") {
            return b[1..<(b.count - 1)].allSatisfy(isASCIIDigit)
        }
        guard let dateParts = readParts(Array("YMD".utf8)) else { return false }
        guard i < b.count else { return dateParts > 0 }
        i += 1  // T
        guard let timeParts = readParts(Array("HMS".utf8)), timeParts > 0 else { return false }
        return i == b.count
    }
}
