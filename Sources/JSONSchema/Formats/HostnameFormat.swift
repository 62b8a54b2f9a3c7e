/// RFC 1123 host names, and IDNA2008 (RFC 5890-5892) internationalized ones. The IDNA
/// derived-property tables are approximated from the standard library's Unicode properties:
/// letters, marks and digits that are stable under NFKC case folding are allowed, with the
/// RFC 5892 exceptions and contextual rules applied exactly, and the RFC 5893 Bidi Rule from a
/// generated Bidi_Class table.
enum HostnameFormat {
    static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        var labels: [[UInt32]] = []
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard isLDHLabel(label), let scalars = unicodeLabel(label) else { return false }
            labels.append(scalars)
        }
        return satisfiesBidiRule(labels)
    }

    static func isIDNHostname(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        // RFC 3490 label separators: full stop, ideographic, fullwidth and halfwidth full stops.
        let separators: Set<Unicode.Scalar> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
        var labels: [[UInt32]] = [[]]
        for u in text.unicodeScalars {
            if separators.contains(u) { labels.append([]) } else { labels[labels.count - 1].append(u.value) }
        }
        var asciiLength = labels.count - 1
        var unicodeLabels: [[UInt32]] = []
        for label in labels {
            guard !label.isEmpty else { return false }
            if label.allSatisfy({ $0 < 0x80 }) {
                let text = Substring(String(String.UnicodeScalarView(label.compactMap(Unicode.Scalar.init))))
                guard isLDHLabel(text), let scalars = unicodeLabel(text) else { return false }
                unicodeLabels.append(scalars)
                asciiLength += label.count
            } else {
                guard isULabel(label) else { return false }
                let encoded = 4 + Punycode.encode(label).utf8.count
                guard encoded <= 63 else { return false }
                unicodeLabels.append(label)
                asciiLength += encoded
            }
        }
        return asciiLength <= 253 && satisfiesBidiRule(unicodeLabels)
    }

    /// RFC 5893: in a name with a right-to-left character (A-labels decoded), every label
    /// follows the Bidi Rule.
    private static func satisfiesBidiRule(_ labels: [[UInt32]]) -> Bool {
        !BidiRule.isBidiDomain(labels) || labels.allSatisfy(BidiRule.allows)
    }

    /// Letters, digits and inner hyphens, 1 to 63 of them.
    private static func isLDHLabel(_ label: Substring) -> Bool {
        let bytes = label.utf8
        guard !bytes.isEmpty, bytes.count <= 63, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { isASCIIAlpha($0) || isASCIIDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// The code points an LDH label stands for: itself, or for an A-label ("xn--" and
    /// Punycode) the U-label it decodes to, which must be valid and encode back to the same
    /// A-label (RFC 5891 section 5.4). Nil when it is not valid; "--" in the third and fourth
    /// positions is reserved for A-labels.
    private static func unicodeLabel(_ label: Substring) -> [UInt32]? {
        let bytes = Array(label.utf8)
        guard bytes.count >= 4, bytes[2] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: "-") else {
            return bytes.map(UInt32.init)
        }
        let punycode = label.dropFirst(4).lowercased()
        guard label.lowercased().hasPrefix("xn--"),
            let decoded = Punycode.decode(punycode), !decoded.isEmpty, isULabel(decoded),
            Punycode.encode(decoded) == punycode
        else { return nil }
        return decoded
    }

    private static func isULabel(_ label: [UInt32]) -> Bool {
        guard let first = label.first, let last = label.last,
            first != 0x2D, last != 0x2D, !(label.count >= 4 && label[2] == 0x2D && label[3] == 0x2D)
        else { return false }
        if let scalar = Unicode.Scalar(first) {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return false
            default: break
            }
        }
        let hasArabicIndic = label.contains { (0x660...0x669).contains($0) }
        let hasExtendedArabicIndic = label.contains { (0x6F0...0x6F9).contains($0) }
        if hasArabicIndic && hasExtendedArabicIndic { return false }
        for (i, c) in label.enumerated() {
            let before: UInt32? = i > 0 ? label[i - 1] : nil
            let after: UInt32? = i + 1 < label.count ? label[i + 1] : nil
            switch c {
            case 0xB7:  // MIDDLE DOT: between two 'l'
                guard before == 0x6C, after == 0x6C else { return false }
            case 0x375:  // GREEK LOWER NUMERAL SIGN: followed by Greek
                guard let after, Scripts.contains(Scripts.greek, after) else { return false }
            case 0x5F3, 0x5F4:  // HEBREW GERESH, GERSHAYIM: preceded by Hebrew
                guard let before, Scripts.contains(Scripts.hebrew, before) else { return false }
            case 0x30FB:  // KATAKANA MIDDLE DOT: some Hiragana, Katakana or Han in the label
                let ok = label.contains { d in
                    d != 0x30FB
                        && (Scripts.contains(Scripts.hiragana, d) || Scripts.contains(Scripts.katakana, d)
                            || Scripts.contains(Scripts.han, d))
                }
                guard ok else { return false }
            case 0x200D:  // ZERO WIDTH JOINER: after a virama
                guard let before, isVirama(before) else { return false }
            case 0x200C:  // ZERO WIDTH NON-JOINER: after a virama, or between joining letters
                if let before, isVirama(before) { continue }
                guard nonJoinerContext(label, i) else { return false }
            case 0x660...0x669, 0x6F0...0x6F9:
                continue
            default:
                guard isPValid(c) else { return false }
            }
        }
        return true
    }

    private static func isVirama(_ c: UInt32) -> Bool {
        Unicode.Scalar(c)?.properties.canonicalCombiningClass.rawValue == 9
    }

    /// RFC 5892 A.1's regular expression, with Arabic-script letters as dual-joining and
    /// nonspacing marks as transparent (the standard library has no Joining_Type).
    private static func nonJoinerContext(_ label: [UInt32], _ i: Int) -> Bool {
        func isTransparent(_ c: UInt32) -> Bool { Unicode.Scalar(c)?.properties.generalCategory == .nonspacingMark }
        func isJoining(_ c: UInt32) -> Bool {
            Scripts.contains(Scripts.arabic, c) && Unicode.Scalar(c)?.properties.generalCategory == .otherLetter
        }
        var j = i - 1
        while j >= 0, isTransparent(label[j]) { j -= 1 }
        guard j >= 0, isJoining(label[j]) else { return false }
        var k = i + 1
        while k < label.count, isTransparent(label[k]) { k += 1 }
        return k < label.count && isJoining(label[k])
    }

    private static let exceptionsPValid: Set<UInt32> = [0xDF, 0x3C2, 0x6FD, 0x6FE, 0xF0B, 0x3007]
    private static let exceptionsDisallowed: Set<UInt32> = [
        0x640, 0x7FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B,
    ]

    private static func isPValid(_ c: UInt32) -> Bool {
        if c < 0x80 {
            return (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D
                || (c >= 0x41 && c <= 0x5A)  // ASCII case does not matter in host names
        }
        if exceptionsPValid.contains(c) { return true }
        if exceptionsDisallowed.contains(c) { return false }
        guard let scalar = Unicode.Scalar(c) else { return false }
        let p = scalar.properties
        switch p.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber:
            return !p.changesWhenNFKCCaseFolded && !p.isDefaultIgnorableCodePoint
        default:
            return false
        }
    }
}
