/// The annotations `unevaluatedProperties` and `unevaluatedItems` read: which members and
/// items of the current instance some successful schema has already evaluated. Members and
/// items are named by position in the instance (all schemas merging here look at the same
/// instance), so the sets are bit sets: no hashing, and no allocation up to 64 entries.
struct EvaluatedLocations {
    var allProperties = false
    var properties = PositionSet()
    var allItems = false
    /// Items `0..<itemPrefix` were evaluated (`prefixItems`).
    var itemPrefix = 0
    /// Single items `contains` matched.
    var items = PositionSet()

    mutating func merge(_ other: EvaluatedLocations) {
        if other.allProperties {
            allProperties = true
        } else if !allProperties {
            properties.formUnion(other.properties)
        }
        if other.allItems {
            allItems = true
        } else if !allItems {
            itemPrefix = max(itemPrefix, other.itemPrefix)
            items.formUnion(other.items)
        }
    }

    func isPropertyEvaluated(_ position: Int) -> Bool { allProperties || properties.contains(position) }
    func isItemEvaluated(_ index: Int) -> Bool { allItems || index < itemPrefix || items.contains(index) }
}

/// A set of small non-negative integers: one inline word, more words only past 64.
struct PositionSet {
    private var low: UInt64 = 0
    private var high: [UInt64]? = nil

    @inline(__always)
    func contains(_ i: Int) -> Bool {
        if i < 64 { return low & (1 << UInt64(i)) != 0 }
        guard let high else { return false }
        let word = i / 64 - 1
        return word < high.count && high[word] & (1 << UInt64(i % 64)) != 0
    }

    @inline(__always)
    mutating func insert(_ i: Int) {
        if i < 64 {
            low |= 1 << UInt64(i)
            return
        }
        let word = i / 64 - 1
        var words = high ?? []
        high = nil
        if words.count <= word { words += Array(repeating: 0, count: word + 1 - words.count) }
        words[word] |= 1 << UInt64(i % 64)
        high = words
    }

    mutating func formUnion(_ other: PositionSet) {
        low |= other.low
        guard let theirs = other.high else { return }
        var words = high ?? []
        high = nil
        if words.count < theirs.count { words += Array(repeating: 0, count: theirs.count - words.count) }
        for (w, bits) in theirs.enumerated() { words[w] |= bits }
        high = words
    }
}
