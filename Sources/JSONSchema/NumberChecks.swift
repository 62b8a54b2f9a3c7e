internal import JSONCore

/// Numeric and equality helpers whose edge cases deserve a name.
enum NumberChecks {
    /// `multipleOf` on doubles. Exact for integers; otherwise the quotient must be an integer
    /// up to rounding error (0.0075 is a multiple of 0.0001, 0.00751 is not).
    static func isMultiple(_ value: Double, of divisor: Double) -> Bool {
        if value.isIntegral && divisor.isIntegral { return value.truncatingRemainder(dividingBy: divisor) == 0 }
        let quotient = value / divisor
        if !quotient.isFinite {
            // Overflow: an integer is still a multiple of a divisor whose reciprocal is an integer (0.5).
            let reciprocal = 1 / divisor
            return value.isIntegral && reciprocal.isIntegral
        }
        let rounded = quotient.rounded()
        if quotient == rounded { return true }
        // Accept a quotient within a few ulps of an integer: the error of the division itself.
        return abs(rounded * divisor - value) <= 2 * max(value.ulp, (rounded * divisor).ulp)
    }

    /// The first pair of equal items (JSON equality: 1 == 1.0, member order ignored), if any.
    static func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        if items.count < 16 {
            for i in items.indices {
                for j in (i + 1)..<items.count where items[i] == items[j] { return (i, j) }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        seen.reserveCapacity(items.count)
        for (j, item) in items.enumerated() {
            if let i = seen[item] { return (i, j) }
            seen[item] = j
        }
        return nil
    }
}
