/// An OpenCode release, as `opencode --version` prints it and the `opencode-ai` package names it.
public struct OpenCodeVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The first "N.N.N" in `text` (`1.2.1`, `v1.4.3`, `opencode 1.15.12`), as the Accomplish app
    /// reads `opencode --version`; nil when there is none (a development build prints "local").
    public init?(finding text: String) {
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            if let (parts, _) = Self.numbers(bytes, from: start), parts.count == 3 {
                self.init(parts[0], parts[1], parts[2])
                return
            }
            start += 1
            // A match starts at a digit that does not continue a number.
            while start < bytes.count, !(Self.isDigit(bytes[start]) && !Self.isDigit(bytes[start - 1])) { start += 1 }
        }
        return nil
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: OpenCodeVersion, b: OpenCodeVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    /// Up to three dot-separated numbers starting at `index` (each at most 9 digits).
    private static func numbers(_ bytes: [UInt8], from index: Int) -> ([Int], Int)? {
        var parts: [Int] = []
        var i = index
        while parts.count < 3 {
            var value = 0, digits = 0
            while i < bytes.count, isDigit(bytes[i]), digits < 9 {
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            parts.append(value)
            guard parts.count < 3 else { break }
            guard i < bytes.count, bytes[i] == UInt8(ascii: ".") else { return nil }
            i += 1
        }
        return (parts, i)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
