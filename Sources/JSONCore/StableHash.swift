/// A fingerprint of a JSON value that is the same on every machine and run (Swift's Hasher is
/// seeded per process): FNV-1a 64 over the compact JSON with object keys sorted, so that a
/// reformatted or reordered but equal value is not reported as edited. It only detects edits;
/// nothing relies on it being hard to forge.
public func stableHash(_ value: JSONValue) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in JSONWriter.compact(canonical(value)).utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
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
