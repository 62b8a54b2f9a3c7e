/// The parsed form of an ECMA-262 regular expression (Unicode mode, no flags): what JSON
/// Schema's `pattern`, `patternProperties` and the `regex` format are written in.
indirect enum RegexNode: Sendable {
    case empty
    case scalar(UInt32)
    case set(ScalarSet)
    case sequence([RegexNode])
    case alternation([RegexNode])
    /// A parenthesised group; `capture` is its 1-based number when it captures.
    case group(RegexNode, capture: Int?)
    /// `max` is `Int.max` when unbounded.
    case quantified(RegexNode, min: Int, max: Int, greedy: Bool)
    case inputStart
    case inputEnd
    case wordBoundary(negated: Bool)
    case lookaround(RegexNode, behind: Bool, negated: Bool)
    case backreference(Int)

    /// True for a node that consumes exactly one scalar (the fast repetition path).
    var isSingleScalar: Bool {
        switch self {
        case .scalar, .set: true
        default: false
        }
    }
}

/// Why a pattern is not an ECMA-262 regular expression.
struct RegexSyntaxError: Error, Sendable {
    var message: String
    var offset: Int
}

/// A recursive-descent parser for the ECMA-262 pattern grammar with the `u` flag. It is lenient
/// only where common schemas rely on Annex B (a literal `{`, `}` or `]`, an escaped punctuation
/// character); an escaped letter or digit that means nothing (`\a`) is an error, as in ECMA-262.
struct RegexParser {
    private let s: [UInt32]
    private var i = 0
    private var groupCount = 0
    private var groupNames: [String: Int] = [:]
    private var namedReferences: [(name: String, at: Int)] = []
    private var maxBackreference = 0
    private(set) var hasBackreferences = false

    init(_ pattern: String) {
        s = pattern.unicodeScalars.map(\.value)
    }

    mutating func parse() throws(RegexSyntaxError) -> (RegexNode, groups: Int) {
        let node = try disjunction()
        if i < s.count { throw fail(s[i] == 0x29 ? "unmatched ')'" : "unexpected character") }
        if maxBackreference > groupCount { throw RegexSyntaxError(message: "backreference to a group that does not exist", offset: 0) }
        var resolved = node
        if !namedReferences.isEmpty {
            for ref in namedReferences where groupNames[ref.name] == nil {
                throw RegexSyntaxError(message: "reference to an unknown group name '\(ref.name)'", offset: ref.at)
            }
            resolved = resolveNames(node)
        }
        return (resolved, groupCount)
    }

    private func fail(_ message: String) -> RegexSyntaxError { RegexSyntaxError(message: message, offset: i) }

    private var atEnd: Bool { i >= s.count }
    private func peek(_ offset: Int = 0) -> UInt32? { i + offset < s.count ? s[i + offset] : nil }
    private func peekIs(_ c: Character, _ offset: Int = 0) -> Bool { peek(offset) == c.unicodeScalars.first!.value }

    // Named backreferences are parsed as negative placeholders and patched once all names are known.
    private func resolveNames(_ node: RegexNode) -> RegexNode {
        switch node {
        case .backreference(let n) where n < 0:
            let name = namedReferences[-n - 1].name
            return .backreference(groupNames[name]!)
        case .sequence(let items): return .sequence(items.map(resolveNames))
        case .alternation(let items): return .alternation(items.map(resolveNames))
        case .group(let inner, let capture): return .group(resolveNames(inner), capture: capture)
        case .quantified(let inner, let min, let max, let greedy):
            return .quantified(resolveNames(inner), min: min, max: max, greedy: greedy)
        case .lookaround(let inner, let behind, let negated):
            return .lookaround(resolveNames(inner), behind: behind, negated: negated)
        default: return node
        }
    }

    private mutating func disjunction() throws(RegexSyntaxError) -> RegexNode {
        var alternatives = [try alternative()]
        while peekIs("|") {
            i += 1
            alternatives.append(try alternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func alternative() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != 0x7C, c != 0x29 {  // '|' ')'
            items.append(try term())
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .sequence(items)
        }
    }

    private mutating func term() throws(RegexSyntaxError) -> RegexNode {
        let c = s[i]
        switch c {
        case 0x5E:  // ^
            i += 1
            return .inputStart
        case 0x24:  // $
            i += 1
            return .inputEnd
        case 0x5C where peekIs("b", 1) || peekIs("B", 1):
            let negated = peekIs("B", 1)
            i += 2
            return .wordBoundary(negated: negated)
        case 0x28 where peekIs("?", 1) && (peekIs("=", 2) || peekIs("!", 2)):
            let negated = peekIs("!", 2)
            i += 3
            let inner = try disjunction()
            try expectClose()
            // Annex B allows a quantifier on a lookahead; it changes nothing useful, so accept it.
            return try quantifier(for: .lookaround(inner, behind: false, negated: negated))
        case 0x28 where peekIs("?", 1) && peekIs("<", 2) && (peekIs("=", 3) || peekIs("!", 3)):
            let negated = peekIs("!", 3)
            i += 4
            let inner = try disjunction()
            try expectClose()
            return .lookaround(inner, behind: true, negated: negated)
        default:
            let atom = try atom()
            return try quantifier(for: atom)
        }
    }

    private mutating func expectClose() throws(RegexSyntaxError) {
        guard peekIs(")") else { throw fail("missing ')'") }
        i += 1
    }

    private mutating func quantifier(for atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        guard let c = peek() else { return atom }
        var min = 0
        var max = Int.max
        switch c {
        case 0x2A: i += 1  // *
        case 0x2B: min = 1; i += 1  // +
        case 0x3F: max = 1; i += 1  // ?
        case 0x7B:  // {
            guard let (lo, hi, length) = braceQuantifier(at: i) else { return atom }
            min = lo
            max = hi
            i += length
            if min > max { throw fail("numbers out of order in {} quantifier") }
        default:
            return atom
        }
        var greedy = true
        if peekIs("?") {
            greedy = false
            i += 1
        }
        if case .inputStart = atom { throw fail("nothing to repeat") }
        if case .inputEnd = atom { throw fail("nothing to repeat") }
        if case .wordBoundary = atom { throw fail("nothing to repeat") }
        return .quantified(atom, min: min, max: max, greedy: greedy)
    }

    /// `{n}`, `{n,}` or `{n,m}` at `at`: the bounds and the length of the text; nil when the
    /// brace does not start a quantifier (Annex B then reads it as a literal).
    private func braceQuantifier(at start: Int) -> (Int, Int, Int)? {
        var j = start + 1
        func number() -> Int? {
            let from = j
            var value = 0
            while j < s.count, s[j] >= 0x30, s[j] <= 0x39 {
                value = value > Int.max / 20 ? Int.max / 2 : value * 10 + Int(s[j] - 0x30)
                j += 1
            }
            return j > from ? value : nil
        }
        guard let lo = number() else { return nil }
        var hi = lo
        if j < s.count, s[j] == 0x2C {  // ,
            j += 1
            hi = number() ?? Int.max
        }
        guard j < s.count, s[j] == 0x7D else { return nil }
        return (lo, hi, j + 1 - start)
    }

    private mutating func atom() throws(RegexSyntaxError) -> RegexNode {
        let c = s[i]
        switch c {
        case 0x2E:  // .
            i += 1
            return .set(.dot)
        case 0x28:  // (
            i += 1
            var capture: Int? = nil
            if peekIs("?") {
                if peekIs(":", 1) {
                    i += 2
                } else if peekIs("<", 1) {
                    i += 2
                    let name = try groupName()
                    groupCount += 1
                    if groupNames[name] != nil { throw fail("duplicate group name '\(name)'") }
                    groupNames[name] = groupCount
                    capture = groupCount
                } else {
                    throw fail("invalid group")
                }
            } else {
                groupCount += 1
                capture = groupCount
            }
            let inner = try disjunction()
            try expectClose()
            return .group(inner, capture: capture)
        case 0x5B:  // [
            i += 1
            return .set(try characterClass())
        case 0x5C:  // backslash
            i += 1
            return try atomEscape()
        case 0x2A, 0x2B, 0x3F:  // * + ?
            throw fail("nothing to repeat")
        case 0x7B where braceQuantifier(at: i) != nil:
            throw fail("nothing to repeat")
        case 0x29:
            throw fail("unmatched ')'")
        default:
            i += 1
            return .scalar(c)
        }
    }

    private mutating func groupName() throws(RegexSyntaxError) -> String {
        var name = ""
        while let c = peek(), c != 0x3E {  // >
            guard let u = Unicode.Scalar(c), u.properties.isIDContinue || c == 0x24 else { throw fail("invalid group name") }
            if name.isEmpty && !(u.properties.isIDStart || c == 0x24 || c == 0x5F) { throw fail("invalid group name") }
            name.unicodeScalars.append(u)
            i += 1
        }
        guard peekIs(">"), !name.isEmpty else { throw fail("invalid group name") }
        i += 1
        return name
    }

    private mutating func atomEscape() throws(RegexSyntaxError) -> RegexNode {
        guard let c = peek() else { throw fail("\\ at end of pattern") }
        switch c {
        case 0x31...0x39:  // backreference \1 .. \99
            var n = 0
            while let d = peek(), d >= 0x30, d <= 0x39 {
                n = min(n * 10 + Int(d - 0x30), 100_000)
                i += 1
            }
            maxBackreference = max(maxBackreference, n)
            hasBackreferences = true
            return .backreference(n)
        case 0x6B:  // k<name>
            i += 1
            guard peekIs("<") else { throw fail("invalid named reference") }
            i += 1
            let at = i
            let name = try groupName()
            namedReferences.append((name, at))
            hasBackreferences = true
            return .backreference(-namedReferences.count)
        default:
            switch try classEscape(inClass: false) {
            case .scalar(let v): return .scalar(v)
            case .set(let set): return .set(set)
            }
        }
    }

    private enum ClassAtom {
        case scalar(UInt32)
        case set(ScalarSet)
    }

    /// An escape after the backslash, shared by atoms and classes (`\b` differs between them).
    private mutating func classEscape(inClass: Bool) throws(RegexSyntaxError) -> ClassAtom {
        guard let c = peek() else { throw fail("\\ at end of pattern") }
        i += 1
        switch c {
        case 0x64: return .set(.digit)  // d
        case 0x44: return .set(.digit.inverted)  // D
        case 0x77: return .set(.word)  // w
        case 0x57: return .set(.word.inverted)  // W
        case 0x73: return .set(.whitespace)  // s
        case 0x53: return .set(.whitespace.inverted)  // S
        case 0x70, 0x50:  // p{...} P{...}
            guard peekIs("{") else { throw fail("\\p must be followed by {name}") }
            i += 1
            var name = ""
            while let d = peek(), d != 0x7D {
                name.unicodeScalars.append(Unicode.Scalar(d) ?? "?")
                i += 1
            }
            guard peekIs("}") else { throw fail("unterminated \\p{") }
            i += 1
            guard let property = UnicodeProperty(name: name) else { throw fail("unknown Unicode property '\(name)'") }
            return .set(ScalarSet(property: property, negated: c == 0x50))
        case 0x66: return .scalar(0x0C)  // f
        case 0x6E: return .scalar(0x0A)  // n
        case 0x72: return .scalar(0x0D)  // r
        case 0x74: return .scalar(0x09)  // t
        case 0x76: return .scalar(0x0B)  // v
        case 0x62 where inClass: return .scalar(0x08)  // [\b] is backspace
        case 0x2D where inClass: return .scalar(0x2D)
        case 0x63:  // cX
            guard let l = peek(), (0x41...0x5A).contains(l) || (0x61...0x7A).contains(l) else {
                throw fail("invalid control escape")
            }
            i += 1
            return .scalar(l % 32)
        case 0x30:  // \0
            if let d = peek(), d >= 0x30, d <= 0x39 { throw fail("invalid octal escape") }
            return .scalar(0)
        case 0x78:  // xHH
            guard let h = hexDigits(count: 2) else { throw fail("invalid \\x escape") }
            return .scalar(h)
        case 0x75:  // uHHHH, u{H...}
            if peekIs("{") {
                i += 1
                var v: UInt32 = 0
                var digits = 0
                while let d = peek(), let h = hexValue(UInt8(truncatingIfNeeded: d)), d < 0x80 {
                    v = v &* 16 &+ UInt32(h)
                    digits += 1
                    i += 1
                    if v > 0x10FFFF { throw fail("\\u{} escape out of range") }
                }
                guard digits > 0, peekIs("}") else { throw fail("invalid \\u{} escape") }
                i += 1
                return .scalar(v)
            }
            guard let high = hexDigits(count: 4) else { throw fail("invalid \\u escape") }
            if (0xD800...0xDBFF).contains(high), peekIs("\\"), peekIs("u", 1) {
                let save = i
                i += 2
                if let low = hexDigits(count: 4), (0xDC00...0xDFFF).contains(low) {
                    return .scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                }
                i = save
            }
            return .scalar(high)
        default:
            // Identity escapes: ECMA-262's u mode allows only syntax characters and '/'; punctuation
            // in general is accepted (common in the wild and harmless), letters and digits are not.
            if c >= 0x20, let u = Unicode.Scalar(c), !u.properties.isAlphabetic, u.properties.numericType == nil {
                return .scalar(c)
            }
            i -= 1
            throw fail("invalid escape '\\\(Unicode.Scalar(c).map(String.init) ?? "?")'")
        }
    }

    private mutating func hexDigits(count: Int) -> UInt32? {
        guard i + count <= s.count else { return nil }
        var v: UInt32 = 0
        for j in 0..<count {
            guard s[i + j] < 0x80, let h = hexValue(UInt8(s[i + j])) else { return nil }
            v = v * 16 + UInt32(h)
        }
        i += count
        return v
    }

    private mutating func characterClass() throws(RegexSyntaxError) -> ScalarSet {
        var set = ScalarSet()
        if peekIs("^") {
            set.negated = true
            i += 1
        }
        while true {
            guard let c = peek() else { throw fail("missing ']'") }
            if c == 0x5D {  // ]
                i += 1
                break
            }
            let first = try classAtom()
            if peekIs("-"), let next = peek(1), next != 0x5D {
                i += 1
                let second = try classAtom()
                guard case .scalar(let lo) = first, case .scalar(let hi) = second else {
                    throw fail("a class escape cannot bound a range")
                }
                guard lo <= hi else { throw fail("range out of order in character class") }
                set.add(lo...hi)
            } else {
                switch first {
                case .scalar(let v): set.add(v...v)
                case .set(let other): set.add(other)
                }
            }
        }
        set.finish()
        return set
    }

    private mutating func classAtom() throws(RegexSyntaxError) -> ClassAtom {
        let c = s[i]
        if c == 0x5C {
            i += 1
            if let d = peek(), d >= 0x31, d <= 0x39 { throw fail("backreference inside a character class") }
            if peekIs("B") || peekIs("k") { throw fail("invalid escape in character class") }
            return try classEscape(inClass: true)
        }
        i += 1
        return .scalar(c)
    }
}
