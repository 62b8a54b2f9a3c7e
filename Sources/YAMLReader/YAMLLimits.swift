/// Bounds on what one read may cost, so that a hostile or mistaken file fails fast with a clear
/// error instead of exhausting memory, or the stack of whatever walks the result afterwards.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes. Checked before parsing starts.
    public var maxBytes: Int

    /// The deepest nesting of mappings and sequences, counted in the result, so a nesting that
    /// an alias creates counts too. The root collection is depth 1.
    public var maxDepth: Int

    /// How many nodes alias expansion may add in total (an alias of a mapping with three scalar
    /// members adds 4 nodes), or nil for `max(10_000, input size in bytes / 4)`.
    ///
    /// Why that default: in ordinary styles a node takes at least about four bytes (`- 1` and a
    /// line break), so without aliases a document holds at most about size / 4 nodes; letting
    /// aliases add as many again keeps the result, and the time to build it, within a small
    /// factor of what any alias-free file of the same size could demand (the source map costs
    /// about 112 bytes a node, so at most about 28 times the input size). The floor leaves small
    /// files room for ordinary reuse (a shared block aliased into every provider) and stops a
    /// "billion laughs" file after about 1 MB. Each alias is charged for the whole subtree it
    /// copies, so nested aliases pay for what they really produce.
    public var maxAliasExpansion: Int?

    public init(maxBytes: Int = 32 << 20, maxDepth: Int = 100, maxAliasExpansion: Int? = nil) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    /// The alias expansion budget for an input of `byteCount` bytes.
    public func aliasBudget(forInputOf byteCount: Int) -> Int {
        maxAliasExpansion ?? max(10_000, byteCount / 4)
    }
}
