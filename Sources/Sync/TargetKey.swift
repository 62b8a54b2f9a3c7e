internal import JSONCore
internal import SystemIO
/// A file-name-safe, stable name for a target path, used for its history folder and state file.
///
/// "<readable tail>-<hash>": the tail (last two path components) lets a person find the right
/// folder by eye; the hash of the whole normalized path keeps two `opencode.json` files apart.
/// FNV-1a is used because it is tiny and stable across runs and platforms (Swift's Hasher is
/// seeded per process), and collisions among a handful of paths are not a concern.
public struct TargetKey: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(targetPath: String) {
        let normalized = PathText.normalized(targetPath)
        let tail = normalized.split(separator: "/").suffix(2).joined(separator: "_")
        var readable = String(tail.unicodeScalars.map { Self.isSafe($0) ? Character($0) : "_" })
        while readable.hasPrefix(".") { readable.removeFirst() }  // no hidden state files
        readable = String(readable.suffix(48))
        let paddedHash = FNV1a64.hex(normalized.utf8)
        value = readable.isEmpty ? paddedHash : "\(readable)-\(paddedHash)"
    }

    public var description: String { value }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
