internal import JSONCore
import FoundationEssentials
internal import SystemIO

/// The one redaction path: every secret value seen during the run is registered here, and every
/// output of the tool passes through `redact` before it is written.
///
/// What is masked, by bytes (never by Characters: a key followed by a combining mark is one
/// Character with it, and a Character-wise search would miss the key):
/// - every registered value, and its JSON-escaped form;
/// - any run of 8 or more bytes of a registered value of 16 or more characters: a server that
///   echoes part of a key (`sk-LEAKC...3456`) gives nothing away. Shorter values (placeholders
///   such as `not-needed`) are masked only whole: blanking every run of their characters would
///   blank ordinary text;
/// - credentials written in URLs: the password of `https://user:password@host` and the value of
///   a token-like query parameter (`?api_key=...`), see `URLCredentials`.
///
/// Partial runs are found through an index of the keys' 8-byte windows (one UInt64 each): one
/// pass over the text, one bit-filter probe per byte, a hash lookup only where the filter hits.
public final class SecretRedactor: @unchecked Sendable {
    /// The registry of this process.
    public static let shared = SecretRedactor()
    public static let mask = "********"
    /// Shorter values are not masked: they would mask ordinary text everywhere.
    public static let minimumLength = 4
    /// Values this long (in characters) have their partial runs masked too.
    public static let minimumPartialLength = 16
    /// The shortest run of a key's bytes that is masked.
    public static let partialRun = 8

    private struct Registry {
        /// Every registered form, as bytes.
        var known: Set<[UInt8]> = []
        /// The forms of short values, found whole (long ones are found by their windows).
        var shortValues: [[UInt8]] = []
        /// Each 8-byte window of the long values.
        var windows: Set<UInt64> = []
        /// A bit per hash bucket of `windows`: most bytes of a text are rejected here.
        var filter = [UInt64](repeating: 0, count: SecretRedactor.filterWords)
    }

    private static let filterWords = 4096  // 262,144 bits

    private let lock = ThreadLock()
    private var registry = Registry()

    public init() {}

    /// Remembers `value` (and its JSON-escaped form, when that differs) for masking.
    public func register(_ value: String) {
        let length = value.unicodeScalars.count
        guard length >= Self.minimumLength else { return }
        var forms = [Array(value.utf8)]
        let escaped = Self.jsonEscaped(value)
        if escaped != value { forms.append(Array(escaped.utf8)) }
        lock.lock()
        defer { lock.unlock() }
        for form in forms where registry.known.insert(form).inserted {
            guard length >= Self.minimumPartialLength, form.count >= Self.partialRun else {
                registry.shortValues.append(form)
                continue
            }
            var window: UInt64 = 0
            for (i, byte) in form.enumerated() {
                window = window << 8 | UInt64(byte)
                if i >= Self.partialRun - 1 {
                    registry.windows.insert(window)
                    let bucket = Self.bucket(window)
                    registry.filter[bucket >> 6] |= 1 << UInt64(bucket & 63)
                }
            }
        }
    }

    /// `text` with every registered value, every run of 8+ bytes of a long one, and every
    /// credential in a URL replaced by `********`.
    public func redact(_ text: String) -> String {
        lock.lock()
        let current = registry
        lock.unlock()
        let bytes = Array(text.utf8)
        var ranges = URLCredentials.secretRanges(in: bytes)
        for value in current.shortValues { ranges += Self.occurrences(of: value, in: bytes) }
        if !current.windows.isEmpty { ranges += Self.partialRuns(in: bytes, registry: current) }
        guard !ranges.isEmpty else { return text }
        return Self.masking(Self.merged(ranges, in: bytes), in: bytes)
    }

    /// Every place `value` occurs (a short value: a long one is covered by its windows).
    private static func occurrences(of value: [UInt8], in bytes: [UInt8]) -> [Range<Int>] {
        guard let first = value.first, bytes.count >= value.count else { return [] }
        var found: [Range<Int>] = []
        var i = 0
        while i <= bytes.count - value.count {
            if bytes[i] == first, bytes[i..<(i + value.count)].elementsEqual(value) {
                found.append(i..<(i + value.count))
                i += value.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// The 8-byte windows of the text that are windows of a registered long value.
    private static func partialRuns(in bytes: [UInt8], registry: Registry) -> [Range<Int>] {
        guard bytes.count >= partialRun else { return [] }
        var found: [Range<Int>] = []
        var window: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            window = window << 8 | UInt64(byte)
            guard i >= partialRun - 1 else { continue }
            let b = bucket(window)
            guard registry.filter[b >> 6] & (1 << UInt64(b & 63)) != 0, registry.windows.contains(window) else { continue }
            let start = i + 1 - partialRun
            if let last = found.last, last.upperBound >= start {
                found[found.count - 1] = last.lowerBound..<(i + 1)
            } else {
                found.append(start..<(i + 1))
            }
        }
        return found
    }

    private static func bucket(_ window: UInt64) -> Int {
        Int(truncatingIfNeeded: (window &* 0x9E37_79B9_7F4A_7C15) >> 46)  // 18 bits
    }

    /// Sorted, overlapping or touching ranges joined, each widened to whole UTF-8 scalars.
    private static func merged(_ ranges: [Range<Int>], in bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            var lower = range.lowerBound, upper = range.upperBound
            while lower > 0, UTF8.isContinuation(bytes[lower]) { lower -= 1 }
            while upper < bytes.count, UTF8.isContinuation(bytes[upper]) { upper += 1 }
            if let last = out.last, last.upperBound >= lower {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, upper)
            } else {
                out.append(lower..<upper)
            }
        }
        return out
    }

    private static func masking(_ ranges: [Range<Int>], in bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for range in ranges {
            out += bytes[cursor..<range.lowerBound]
            out += mask.utf8
            cursor = range.upperBound
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// How the value reads inside a JSON string, as opencode.json and `--format json` show it:
    /// the writer's own escaping, so the two cannot disagree.
    static func jsonEscaped(_ value: String) -> String {
        String(JSONWriter.quoted(value).dropFirst().dropLast())
    }
}
