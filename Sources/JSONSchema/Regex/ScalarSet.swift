/// A set of Unicode scalars for a character class: ranges plus `\p{...}` tests, optionally
/// negated. ASCII membership is precomputed in a 128-bit table, since most text is ASCII.
struct ScalarSet: Sendable {
    var negated = false
    private var ranges: [ClosedRange<UInt32>] = []
    private var properties: [(property: UnicodeProperty, negated: Bool)] = []
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    init() {}

    init(property: UnicodeProperty, negated: Bool) {
        properties = [(property, negated)]
        finish()
    }

    private init(ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        self.ranges = ranges
        self.negated = negated
        finish()
    }

    mutating func add(_ range: ClosedRange<UInt32>) { ranges.append(range) }

    /// Adds the members of a non-negated set (class escapes inside brackets are never negated:
    /// `\D` and friends are built as explicit complements).
    mutating func add(_ other: ScalarSet) {
        ranges += other.ranges
        properties += other.properties
    }

    /// Sorts and merges the ranges and fills the ASCII table; call after the last `add`.
    mutating func finish() {
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for r in ranges {
            if let last = merged.last, r.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        ranges = merged
        asciiLow = 0
        asciiHigh = 0
        // From the ranges directly; only `\p{...}` tests are asked scalar by scalar (asking
        // slowContains for all 128 was most of compiling a schema's 15 patterns).
        for r in ranges where r.lowerBound < 128 {
            for c in r.lowerBound...min(r.upperBound, 127) { setASCII(c) }
        }
        if !properties.isEmpty {
            for c: UInt32 in 0..<128 where properties.contains(where: { $0.property.contains(c) != $0.negated }) { setASCII(c) }
        }
    }

    private mutating func setASCII(_ c: UInt32) {
        if c < 64 { asciiLow |= 1 << UInt64(c) } else { asciiHigh |= 1 << UInt64(c - 64) }
    }

    private func slowContains(_ c: UInt32) -> Bool {
        // Binary search over the sorted, merged ranges.
        var lo = 0
        var hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound < c { lo = mid + 1 } else { hi = mid }
        }
        if lo < ranges.count, ranges[lo].contains(c) { return true }
        for (property, negated) in properties where property.contains(c) != negated { return true }
        return false
    }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        let member: Bool
        if c < 64 {
            member = asciiLow & (1 << UInt64(c)) != 0
        } else if c < 128 {
            member = asciiHigh & (1 << UInt64(c - 64)) != 0
        } else {
            member = slowContains(c)
        }
        return member != negated
    }

    /// The complement, as explicit ranges (only for the range-only built-in classes).
    var inverted: ScalarSet {
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in ranges {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            next = r.upperBound + 1
        }
        if next <= 0x10FFFF { out.append(next...0x10FFFF) }
        return ScalarSet(ranges: out)
    }

    static let digit = ScalarSet(ranges: [0x30...0x39])
    static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// ECMA-262 WhiteSpace and LineTerminator.
    static let whitespace = ScalarSet(ranges: [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// `.`: everything but the line terminators.
    static let dot = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], negated: true)
}
