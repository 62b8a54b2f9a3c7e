/// JSON compares strings code point by code point; Swift's `String ==` and `Hashable` use
/// canonical equivalence, under which "é" (U+00E9) equals "e\u{301}" and the Kelvin sign
/// equals "K". Everywhere JSON semantics apply (object keys, `const`, `enum`, `uniqueItems`,
/// duplicate keys) strings are compared through this file, never with `==`.
extension String {
    /// True when both strings hold the same Unicode scalars (equivalently, the same UTF-8 bytes).
    @inlinable
    public func hasSameCodePoints(as other: String) -> Bool {
        // The byte counts first (O(1) for native strings): most keys an object lookup passes
        // differ in length, and the byte-by-byte walk is what compiling a schema spent most on.
        guard utf8.count == other.utf8.count else { return false }
        // Native strings lend their bytes: compared as two buffers, a tight loop, not through
        // UTF8View's iterator (about 440 instructions a key of the large bench spec).
        let buffers = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in a.elementsEqual(b) }
        }
        if let buffers, let same = buffers { return same }
        return utf8.elementsEqual(other.utf8)
    }

    /// Feeds the UTF-8 bytes to a hasher, to agree with `hasSameCodePoints(as:)`.
    @inlinable
    public func hashCodePoints(into hasher: inout Hasher) {
        let done: Void? = utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil { for byte in utf8 { hasher.combine(byte) } }
        hasher.combine(0xFF as UInt8)  // a terminator no UTF-8 byte equals, so ("a","b") != ("ab","")
    }
}

/// A string as a dictionary or set key with JSON's equality: two keys are the same only when
/// their code points are.
public struct JSONKey: Hashable, Sendable, CustomStringConvertible {
    public let string: String

    @inlinable public init(_ string: String) { self.string = string }

    @inlinable
    public static func == (a: JSONKey, b: JSONKey) -> Bool { a.string.hasSameCodePoints(as: b.string) }

    @inlinable
    public func hash(into hasher: inout Hasher) { string.hashCodePoints(into: &hasher) }

    public var description: String { string }
}

extension String {
    /// The lines of a text, split at every U+000A. `split(separator: "\n")` splits at
    /// Characters, and "\r\n" is one Character that is not "\n": a file or message with CRLF
    /// line ends would be one line. A "\r" before the break is dropped.
    public func lines(omittingEmpty: Bool = false) -> [Substring] {
        let lines = unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Substring(line.last == "\r" ? line.dropLast() : line)
        }
        return omittingEmpty ? lines.filter { !$0.isEmpty } : lines
    }
}
