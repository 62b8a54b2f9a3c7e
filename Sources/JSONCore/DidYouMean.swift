/// Suggests the closest known name for a misspelled one ("modles" -> "models").
public enum DidYouMean {
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (name: String, distance: Int)?
        for c in candidates {
            let d = distance(lowered, c.lowercased())
            if d < (best?.distance ?? Int.max) { best = (c, d) }
        }
        guard let best else { return nil }
        // Allow about one edit per three characters: close enough to be a typo.
        return best.distance <= max(1, word.count / 3) ? best.name : nil
    }

    /// Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters is one edit.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
