// Foundation's trimmingCharacters(in:) and padding(toLength:...), which FoundationEssentials (the
// only part of Foundation provider-sync links, see README "Measurements") does not have.
extension StringProtocol {
    /// The text without the leading and trailing characters `predicate` accepts, such as
    /// `\.isWhitespace` or `\.isNewline`.
    public func trimming(while predicate: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !predicate($0) }), let last = lastIndex(where: { !predicate($0) }) else { return "" }
        return String(self[first...last])
    }

    /// The text followed by spaces up to `width` characters, for a column; a longer text is kept whole.
    public func padded(toWidth width: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(0, width - count))
    }
}
