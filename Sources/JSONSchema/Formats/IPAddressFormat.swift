/// Dotted-quad IPv4 (RFC 2673, no leading zeros) and RFC 4291 IPv6 text forms (no zone index).
enum IPAddressFormat {
    static func isIPv4(_ b: ArraySlice<UInt8>) -> Bool {
        var parts = 0
        var i = b.startIndex
        while true {
            let start = i
            var value = 0
            while i < b.endIndex, isASCIIDigit(b[i]), i - start < 3 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
            }
            let length = i - start
            guard length > 0, value <= 255, !(length > 1 && b[start] == UInt8(ascii: "0")) else { return false }
            parts += 1
            if parts == 4 { return i == b.endIndex }
            guard i < b.endIndex, b[i] == UInt8(ascii: ".") else { return false }
            i += 1
        }
    }

    static func isIPv6(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count >= 2 else { return false }
        var groups = 0
        var sawDoubleColon = false
        var i = b.startIndex
        if b[i] == UInt8(ascii: ":") {
            guard b[i + 1] == UInt8(ascii: ":") else { return false }
            sawDoubleColon = true
            i += 2
            if i == b.endIndex { return true }
        }
        while i < b.endIndex {
            let start = i
            while i < b.endIndex, isASCIIHex(b[i]), i - start < 5 { i += 1 }
            if i < b.endIndex, b[i] == UInt8(ascii: ".") {
                // An embedded IPv4 address takes the last 32 bits.
                guard isIPv4(b[start...]) else { return false }
                groups += 2
                i = b.endIndex
                break
            }
            let length = i - start
            guard length >= 1, length <= 4 else { return false }
            groups += 1
            if i == b.endIndex { break }
            guard b[i] == UInt8(ascii: ":") else { return false }
            i += 1
            if i < b.endIndex, b[i] == UInt8(ascii: ":") {
                guard !sawDoubleColon else { return false }
                sawDoubleColon = true
                i += 1
                if i == b.endIndex { break }
            } else if i == b.endIndex {
                return false  // a single trailing colon
            }
        }
        return sawDoubleColon ? groups <= 7 : groups == 8
    }
}
