import Testing

@testable import JSONSchema

/// The formats the official suite's optional cases found wrong, each against its RFC.
@Suite("format: RFC details")
struct FormatRFCTests {
    /// RFC 3339 appendix A: dur-year = 1*DIGIT "Y" [dur-month], dur-month = ... [dur-day];
    /// dur-hour = ... [dur-minute], dur-minute = ... [dur-second]. A unit may not be skipped.
    @Test func durationPartsAreConsecutive() {
        for valid in ["P1Y", "P1Y2M", "P1Y2M3D", "P1M2D", "P3D", "PT1H2M", "PT1M2S", "PT1H2M3S", "P1DT2H", "P1W", "P12W"] {
            #expect(FormatKind.duration.isValid(valid), "\(valid)")
        }
        for invalid in ["P1Y2D", "PT1H2S", "P1Y3DT1H", "P1W2D", "P1WT1H", "PW", "P1DT", "P1H", "PT1D", "P1M1Y"] {
            #expect(!FormatKind.duration.isValid(invalid), "\(invalid)")
        }
    }

    /// RFC 6570 section 2.1 as corrected by verified erratum 6937: "'" is a literal; the other
    /// exclusions stay, and beyond ASCII only ucschar and iprivate are literals.
    @Test func uriTemplateLiterals() {
        for valid in ["a'b", "'{var}'", "a%41b", "a😀b", "a\u{E000}b", "a\u{10FFFD}b", "x{&a}"] {
            #expect(FormatKind.uriTemplate.isValid(valid), "\(valid)")
        }
        for invalid in ["a b", "a\"b", "a<b", "a\\b", "a^b", "a`b", "a|b", "a}b", "a\u{7F}b", "a\u{85}b", "a%4"] {
            #expect(!FormatKind.uriTemplate.isValid(invalid), "\(invalid.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // A noncharacter (Swift string literals refuse to spell one).
        #expect(!FormatKind.uriTemplate.isValid("a" + String(Unicode.Scalar(0xFDD0)!) + "b"))
    }

    /// The generated table (scripts/gen-bidi-classes.py) against classes known from UAX #9.
    @Test func bidiClassTable() {
        let expected: [(UInt32, BidiClass)] = [
            (0x61, .L), (0x30, .EN), (0x2D, .ES), (0x2E, .CS), (0x24, .ET), (0x20, .WS), (0x21, .ON),
            (0x5D0, .R), (0x5F3, .R), (0x627, .AL), (0x6FD, .AL), (0x660, .AN), (0x6F0, .EN), (0x300, .NSM),
            (0x200D, .BN), (0x202E, .RLO), (0x4E00, .L), (0x10FFFF, .L), (0x1E900, .R),
        ]
        for (c, bidiClass) in expected {
            #expect(BidiClass(of: c) == bidiClass, "U+\(String(c, radix: 16))")
        }
    }

    /// RFC 5893 section 2: once a name holds an R, AL or AN character, every label follows the
    /// six conditions, ASCII labels and decoded A-labels included.
    @Test func bidiRule() {
        let valid = ["א", "אב.com", "ب٠ب", "۰0", "abc.אב", "a.ב1", "ש-ב", "xn--4db.example", "اب\u{64B}", "א\u{2B9}ב"]
        for text in valid { #expect(FormatKind.idnHostname.isValid(text), "\(text)") }
        let invalid = [
            "0a.א",  // condition 1: a label of a Bidi name starts with L, R or AL
            "0ا",  // the same inside the label
            "aא",  // 5: an LTR label has no R
            "אa",  // 2: an RTL label has no L
            "א0٠",  // 4: EN and AN do not mix
            "א\u{2B9}",  // 3: an RTL label ends with R, AL, EN or AN (then NSM), not ON
            "a\u{2B9}.א",  // 6: an LTR label ends with L or EN
            "xn--0ca24w",  // "àא" once decoded: 5
        ]
        for text in invalid { #expect(!FormatKind.idnHostname.isValid(text), "\(text)") }
        // A name with no right-to-left character is not a Bidi name: the rule does not apply.
        #expect(FormatKind.idnHostname.isValid("3com.example"))
        #expect(FormatKind.idnHostname.isValid("a\u{2B9}.example"))
        // hostname decodes A-labels and applies the same rule.
        #expect(!FormatKind.hostname.isValid("3com.xn--4db"))
        #expect(!FormatKind.hostname.isValid("xn--0ca24w"))
        #expect(FormatKind.hostname.isValid("xn--4db.example"))
    }

    @Test func bidiRuleConditions() {
        #expect(BidiRule.allows([0x5D0, 0x300]))  // R then NSM: 3 lets marks follow the end
        #expect(BidiRule.allows([0x627, 0x2E, 0x628]))  // CS inside an RTL label
        #expect(!BidiRule.allows([0x2E, 0x5D0]))  // 1
        #expect(!BidiRule.allows([0x5D0, 0x20, 0x5D1]))  // 2: WS is in neither list
        #expect(!BidiRule.allows([0x61, 0x202E, 0x62]))  // 5: RLO is not allowed
        #expect(BidiRule.allows([0x61, 0x31]))  // 6: an LTR label may end in EN
        #expect(!BidiRule.isBidiDomain([[0x61], [0x6F0]]))  // EN alone does not make a Bidi name
        #expect(BidiRule.isBidiDomain([[0x61], [0x660]]))  // AN does
    }

    /// RFC 5891 section 5.4: an A-label is decoded and encoded again, and must come back the same.
    @Test func aLabelsRoundTrip() {
        #expect(!FormatKind.idnHostname.isValid("xn---9uc"))
        #expect(!FormatKind.hostname.isValid("xn---9uc"))
        #expect(FormatKind.hostname.isValid("XN--4GBWDL.xn--wgbh1c"))
    }
}
