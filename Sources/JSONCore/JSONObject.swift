/// A JSON object that keeps its members in document order (the writer and the merge keep the
/// order users wrote). Lookup is linear for small objects; large ones get a key index. Keys are
/// compared as JSON compares them, by code points (`JSONKey`): "é" and "e\u{301}" are two keys.
public struct JSONObject: Sendable, Hashable, Sequence {
    public private(set) var members: [(key: String, value: JSONValue)] = []
    private var index: [JSONKey: Int]? = nil

    private static let indexThreshold = 12

    public init() {}

    /// Builds an object; on a repeated key the last value wins (callers that must reject
    /// duplicates, like the YAML reader, check before inserting).
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public func position(of key: String) -> Int? {
        if let index { return index[JSONKey(key)] }
        return members.firstIndex { $0.key.hasSameCodePoints(as: key) }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue { members[i].value = newValue } else { remove(at: i) }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Appends without checking for an existing key: the caller knows it is new.
    public mutating func append(_ key: String, _ value: JSONValue) {
        members.append((key, value))
        if index != nil {
            index![JSONKey(key)] = members.count - 1
        } else if members.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// Makes room for `n` members, for a caller that knows (or can guess) the size.
    public mutating func reserveCapacity(_ n: Int) { members.reserveCapacity(n) }

    public mutating func remove(at i: Int) {
        members.remove(at: i)
        if index != nil { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        var built: [JSONKey: Int] = [:]
        built.reserveCapacity(members.count)
        for (i, m) in members.enumerated() { built[JSONKey(m.key)] = i }
        index = built
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    /// Objects are equal when they have the same members, in any order (JSON semantics).
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in a.members {
            guard let w = b[k], w == v else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with ==.
        var combined = 0
        for (k, v) in members {
            var h = Hasher()
            k.hashCodePoints(into: &h)
            h.combine(v)
            combined ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
