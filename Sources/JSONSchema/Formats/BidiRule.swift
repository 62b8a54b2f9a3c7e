/// Unicode Bidi_Class values (UAX #9); the raw values index the generated table's classes.
enum BidiClass: UInt8, Sendable {
    case L, R, AL, EN, ES, ET, AN, CS, NSM, BN, ON
    case B, S, WS, LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI

    /// The class of a code point, by binary search over `runs` (BidiClassTable.swift).
    init(of c: UInt32) {
        var low = 0, high = Self.runs.count / 2
        while low < high {
            let mid = (low + high) / 2
            if Self.runs[2 * mid] <= c { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { self = .L; return }
        let packed = Self.runs[2 * (low - 1) + 1]
        self = c <= packed >> 5 ? BidiClass(rawValue: UInt8(packed & 0x1F)) ?? .L : .L
    }
}

/// The Bidi Rule of RFC 5893 section 2, for the labels of an internationalized host name.
enum BidiRule {
    /// A "Bidi domain name" (RFC 5893 section 1.4) has a character of class R, AL or AN in
    /// some label; then every label, ASCII ones too, must satisfy the rule.
    static func isBidiDomain(_ labels: [[UInt32]]) -> Bool {
        labels.contains { $0.contains { [.R, .AL, .AN].contains(BidiClass(of: $0)) } }
    }

    /// The six conditions for one label (code points of a U-label, or an ASCII label).
    static func allows(_ label: [UInt32]) -> Bool {
        let classes = label.map(BidiClass.init(of:))
        guard let first = classes.first else { return false }
        // 1. An RTL label starts with R or AL, an LTR label with L.
        let rtl: Bool
        switch first {
        case .R, .AL: rtl = true
        case .L: rtl = false
        default: return false
        }
        // 2 and 5: the classes each kind of label may hold.
        let allowed: Set<BidiClass> = rtl ? [.R, .AL, .AN, .EN, .ES, .CS, .ET, .ON, .BN, .NSM]
            : [.L, .EN, .ES, .CS, .ET, .ON, .BN, .NSM]
        guard classes.allSatisfy(allowed.contains) else { return false }
        // 3 and 6: the last character that is not NSM.
        guard let last = classes.last(where: { $0 != .NSM }) else { return false }
        let endings: Set<BidiClass> = rtl ? [.R, .AL, .EN, .AN] : [.L, .EN]
        guard endings.contains(last) else { return false }
        // 4: European and Arabic-Indic digits do not mix in an RTL label.
        return !(rtl && classes.contains(.EN) && classes.contains(.AN))
    }
}
