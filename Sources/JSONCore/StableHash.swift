/// A fingerprint of a JSON value that is the same on every machine and run (Swift's Hasher is
/// seeded per process): FNV-1a 64 over the compact JSON with object keys sorted, so that a
/// reformatted or reordered but equal value is not reported as edited. It only detects edits;
/// nothing relies on it being hard to forge.
public func stableHash(_ value: JSONValue) -> String {
    "fnv1a64:" + FNV1a64.hex(JSONWriter.compact(canonical(value)).utf8)
}

/// FNV-1a, 64 bits: tiny, and the same on every machine and run. The one copy of it: value
/// fingerprints (above), file contents (Sync's ownership records, SystemIO's file snapshots)
/// and state file names.
public enum FNV1a64 {
    /// Where a hash starts: fed piece by piece (`continuing:` the hash so far), a file read in
    /// chunks hashes as its whole bytes would.
    public static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    // Inlinable: specialised in the caller, a 32 MiB file is hashed at full speed.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>, continuing start: UInt64 = start) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 lower-case hex digits.
    @inlinable
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let hex = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The value with every object's members sorted by key (by UTF-8 bytes, locale-free).
func canonical(_ value: JSONValue) -> JSONValue {
    switch value {
    case .array(let elements):
        return .array(elements.map(canonical))
    case .object(let object):
        let sorted = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return .object(JSONObject(sorted.map { ($0.key, canonical($0.value)) }))
    default:
        return value
    }
}
