/// RFC 3492 Punycode, for the `xn--` labels of internationalized host names.
enum Punycode {
    private static let base: UInt32 = 36, tMin: UInt32 = 1, tMax: UInt32 = 26
    private static let skew: UInt32 = 38, damp: UInt32 = 700, initialBias: UInt32 = 72, initialN: UInt32 = 128

    private static func adapt(_ delta: UInt32, _ count: UInt32, _ first: Bool) -> UInt32 {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digitValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(c - 97)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(c - 65)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - 22)
        default: nil
        }
    }

    private static func digitChar(_ d: UInt32) -> Character {
        Character(Unicode.Scalar(UInt8(d < 26 ? d + 97 : d + 22)))
    }

    /// Decodes the part after `xn--`; nil when it is not valid Punycode.
    static func decode(_ input: String) -> [UInt32]? {
        let bytes = Array(input.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var output: [UInt32] = []
        var rest = bytes[...]
        if let dash = bytes.lastIndex(of: UInt8(ascii: "-")) {
            output = bytes[..<dash].map(UInt32.init)
            rest = bytes[(dash + 1)...]
        }
        var n = initialN, i: UInt32 = 0, bias = initialBias
        var position = rest.startIndex
        while position < rest.endIndex {
            let oldI = i
            var w: UInt32 = 1
            var k = base
            while true {
                guard position < rest.endIndex, let digit = digitValue(rest[position]) else { return nil }
                position += 1
                let (product, overflow1) = digit.multipliedReportingOverflow(by: w)
                let (sum, overflow2) = i.addingReportingOverflow(product)
                guard !overflow1, !overflow2 else { return nil }
                i = sum
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                let (nextW, overflow3) = w.multipliedReportingOverflow(by: base - t)
                guard !overflow3 else { return nil }
                w = nextW
                k += base
            }
            let count = UInt32(output.count + 1)
            bias = adapt(i - oldI, count, oldI == 0)
            let (nextN, overflow) = n.addingReportingOverflow(i / count)
            guard !overflow, nextN <= 0x10FFFF else { return nil }
            n = nextN
            i %= count
            output.insert(n, at: Int(i))
            i += 1
        }
        return output
    }

    /// Encodes scalars as the part after `xn--`.
    static func encode(_ input: [UInt32]) -> String {
        var output = ""
        for c in input where c < 0x80 { output.append(Character(Unicode.Scalar(UInt8(c)))) }
        let basicCount = UInt32(output.count)
        var handled = basicCount
        if basicCount > 0 { output.append("-") }
        var n = initialN, delta: UInt32 = 0, bias = initialBias
        while handled < UInt32(input.count) {
            let m = input.filter { $0 >= n }.min()!
            delta &+= (m - n) &* (handled + 1)
            n = m
            for c in input {
                if c < n { delta &+= 1 }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digitChar(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digitChar(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta &+= 1
            n += 1
        }
        return output
    }
}
