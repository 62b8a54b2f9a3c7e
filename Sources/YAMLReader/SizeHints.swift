/// Remembers how many children the last mapping and the last sequence closed at each depth
/// had. Collections at one depth of a spec tend to share a shape (every model has the same
/// fields, every provider a few models), so a new collection reserves its predecessor's size
/// and is allocated once, at its final size, instead of regrown by doubling. Capped, so one
/// long list does not oversize the short ones after it.
struct SizeHints {
    static let cap = 64
    /// Two per depth: the mapping's, then the sequence's.
    private var sizes: [Int] = []

    func hint(depth: Int, mapping: Bool) -> Int {
        let i = 2 * depth + (mapping ? 0 : 1)
        return i < sizes.count ? sizes[i] : 0
    }

    mutating func record(_ count: Int, depth: Int, mapping: Bool) {
        let i = 2 * depth + (mapping ? 0 : 1)
        if i >= sizes.count { sizes += repeatElement(0, count: i + 1 - sizes.count) }
        sizes[i] = min(count, Self.cap)
    }
}
