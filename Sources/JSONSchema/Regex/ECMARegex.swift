/// A compiled ECMA-262 regular expression (Unicode mode, no flags), matched by backtracking
/// over the UTF-8 bytes of the subject without copying it. JSON Schema patterns are not
/// anchored: `matches` searches for a match anywhere, as ECMA-262's `RegExp.prototype.test` does.
struct ECMARegex: Sendable {
    let source: String
    private let root: RegexNode
    private let groupCount: Int
    private let needsCaptures: Bool
    private let anchoredAtStart: Bool

    /// Deepest nesting of general repetitions a match may use; past it the branch fails rather
    /// than overflowing the stack (only patterns like `(ab)*` over very long strings reach it).
    static let maxDepth = 2_000

    init(_ source: String) throws(RegexSyntaxError) {
        self.source = source
        var parser = RegexParser(source)
        let (root, groups) = try parser.parse()
        self.root = root
        self.groupCount = groups
        self.needsCaptures = parser.hasBackreferences
        switch root {
        case .inputStart: anchoredAtStart = true
        case .sequence(let items): if case .inputStart = items.first { anchoredAtStart = true } else { anchoredAtStart = false }
        default: anchoredAtStart = false
        }
    }

    /// True when the pattern matches somewhere in `subject`.
    func matches(_ subject: String) -> Bool {
        var subject = subject
        return subject.withUTF8 { bytes in
            let captures = needsCaptures ? CaptureStore(groups: groupCount) : nil
            let matcher = RegexMatcher(input: bytes, captures: captures)
            var start = 0
            while true {
                if matcher.match(root, start, 0, { _ in true }) { return true }
                if anchoredAtStart || start >= bytes.count { return false }
                start = matcher.next(after: start)
            }
        }
    }
}

/// Capture positions, only kept when the pattern has backreferences.
final class CaptureStore {
    var starts: [Int]
    var ends: [Int]
    init(groups: Int) {
        starts = Array(repeating: -1, count: groups + 1)
        ends = Array(repeating: -1, count: groups + 1)
    }
}

/// One match attempt: continuation-passing backtracking (each node calls `k` with the position
/// after it; a false return backtracks).
struct RegexMatcher {
    let input: UnsafeBufferPointer<UInt8>
    let captures: CaptureStore?

    /// The scalar starting at byte `i` (valid UTF-8 is guaranteed by String).
    @inline(__always)
    func scalar(at i: Int) -> (value: UInt32, next: Int) {
        let b0 = UInt32(input[i])
        if b0 < 0x80 { return (b0, i + 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(input[i + 1] & 0x3F), i + 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(input[i + 1] & 0x3F) << 6 | UInt32(input[i + 2] & 0x3F), i + 3)
        }
        return (
            (b0 & 0x07) << 18 | UInt32(input[i + 1] & 0x3F) << 12 | UInt32(input[i + 2] & 0x3F) << 6
                | UInt32(input[i + 3] & 0x3F), i + 4
        )
    }

    @inline(__always)
    func next(after i: Int) -> Int { scalar(at: i).next }

    @inline(__always)
    func previous(before i: Int) -> Int {
        var j = i - 1
        while j > 0, input[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    private func isWordScalar(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    func match(_ node: RegexNode, _ i: Int, _ depth: Int, _ k: (Int) -> Bool) -> Bool {
        switch node {
        case .empty:
            return k(i)
        case .scalar(let c):
            guard i < input.count else { return false }
            let (v, n) = scalar(at: i)
            return v == c && k(n)
        case .set(let set):
            guard i < input.count else { return false }
            let (v, n) = scalar(at: i)
            return set.contains(v) && k(n)
        case .sequence(let items):
            return sequence(items, 0, i, depth, k)
        case .alternation(let alternatives):
            for alternative in alternatives where match(alternative, i, depth, k) { return true }
            return false
        case .group(let inner, let capture):
            guard let capture, let captures else { return match(inner, i, depth, k) }
            let (oldStart, oldEnd) = (captures.starts[capture], captures.ends[capture])
            if match(inner, i, depth, { j in
                let (innerStart, innerEnd) = (captures.starts[capture], captures.ends[capture])
                captures.starts[capture] = i
                captures.ends[capture] = j
                if k(j) { return true }
                captures.starts[capture] = innerStart
                captures.ends[capture] = innerEnd
                return false
            }) {
                return true
            }
            captures.starts[capture] = oldStart
            captures.ends[capture] = oldEnd
            return false
        case .quantified(let inner, let min, let max, let greedy):
            if inner.isSingleScalar { return repeatSingle(inner, min, max, greedy, i, k) }
            return repeatGeneral(inner, min, max, greedy, 0, i, depth, k)
        case .inputStart:
            return i == 0 && k(i)
        case .inputEnd:
            return i == input.count && k(i)
        case .wordBoundary(let negated):
            let before = i > 0 && isWordScalar(scalar(at: previous(before: i)).value)
            let after = i < input.count && isWordScalar(scalar(at: i).value)
            return ((before != after) != negated) && k(i)
        case .lookaround(let inner, let behind, let negated):
            let found: Bool
            if behind {
                // Try every start at or before i for a match of the body that ends exactly at i.
                var start = i
                var hit = false
                while true {
                    if match(inner, start, depth + 1, { $0 == i }) { hit = true; break }
                    if start == 0 { break }
                    start = previous(before: start)
                }
                found = hit
            } else {
                found = match(inner, i, depth + 1, { _ in true })
            }
            return found != negated && k(i)
        case .backreference(let n):
            guard let captures, captures.starts[n] >= 0 else { return k(i) }
            let (s, e) = (captures.starts[n], captures.ends[n])
            let length = e - s
            guard i + length <= input.count else { return false }
            for offset in 0..<length where input[s + offset] != input[i + offset] { return false }
            return k(i + length)
        }
    }

    private func sequence(_ items: [RegexNode], _ index: Int, _ i: Int, _ depth: Int, _ k: (Int) -> Bool) -> Bool {
        var index = index
        var i = i
        // Single scalars need no backtracking point: match them in a loop.
        while index < items.count {
            switch items[index] {
            case .scalar(let c):
                guard i < input.count else { return false }
                let (v, n) = scalar(at: i)
                guard v == c else { return false }
                i = n
            case .set(let set):
                guard i < input.count else { return false }
                let (v, n) = scalar(at: i)
                guard set.contains(v) else { return false }
                i = n
            default:
                let next = index + 1
                if next == items.count { return match(items[index], i, depth, k) }
                return match(items[index], i, depth) { j in sequence(items, next, j, depth, k) }
            }
            index += 1
        }
        return k(i)
    }

    @inline(__always)
    private func matchesOne(_ node: RegexNode, _ i: Int) -> Int? {
        guard i < input.count else { return nil }
        let (v, n) = scalar(at: i)
        switch node {
        case .scalar(let c): return v == c ? n : nil
        case .set(let set): return set.contains(v) ? n : nil
        default: return nil
        }
    }

    /// `x*`, `[a-z]{2,5}?` and the like: walk forward, then back off one scalar at a time.
    private func repeatSingle(_ node: RegexNode, _ min: Int, _ max: Int, _ greedy: Bool, _ i: Int, _ k: (Int) -> Bool) -> Bool {
        var count = 0
        var position = i
        if greedy {
            while count < max, let n = matchesOne(node, position) {
                position = n
                count += 1
            }
            while count >= min {
                if k(position) { return true }
                if count == min { return false }
                position = previous(before: position)
                count -= 1
            }
            return false
        }
        while count < min {
            guard let n = matchesOne(node, position) else { return false }
            position = n
            count += 1
        }
        while true {
            if k(position) { return true }
            guard count < max, let n = matchesOne(node, position) else { return false }
            position = n
            count += 1
        }
    }

    /// General repetition; an iteration past the minimum that matches the empty string fails
    /// (ECMA-262's rule that keeps `(a*)*` from looping).
    private func repeatGeneral(_ node: RegexNode, _ min: Int, _ max: Int, _ greedy: Bool, _ count: Int, _ i: Int,
        _ depth: Int, _ k: (Int) -> Bool) -> Bool
    {
        guard depth < ECMARegex.maxDepth else { return false }
        if count < min {
            return match(node, i, depth + 1) { j in repeatGeneral(node, min, max, greedy, count + 1, j, depth + 1, k) }
        }
        if greedy {
            if count < max,
                match(node, i, depth + 1, { j in j != i && repeatGeneral(node, min, max, greedy, count + 1, j, depth + 1, k) })
            {
                return true
            }
            return k(i)
        }
        if k(i) { return true }
        return count < max
            && match(node, i, depth + 1) { j in j != i && repeatGeneral(node, min, max, greedy, count + 1, j, depth + 1, k) }
    }
}
