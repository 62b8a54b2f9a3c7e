/// A `\p{...}` test: a general category (or a group of them), a binary property the standard
/// library knows, or a script approximated by its main blocks (the library has no script data).
enum UnicodeProperty: Sendable {
    case categories(Set<Unicode.GeneralCategory>)
    case binary(@Sendable (Unicode.Scalar.Properties) -> Bool)
    case ranges([ClosedRange<UInt32>])
    case any
    case ascii
    case assigned

    func contains(_ c: UInt32) -> Bool {
        switch self {
        case .any: return true
        case .ascii: return c < 0x80
        case .ranges(let rs): return rs.contains { $0.contains(c) }
        default: break
        }
        guard let scalar = Unicode.Scalar(c) else {
            // Lone surrogates never reach a Swift string; only category Cs could name them.
            if case .categories(let set) = self { return set.contains(.surrogate) }
            return false
        }
        switch self {
        case .categories(let set): return set.contains(scalar.properties.generalCategory)
        case .binary(let test): return test(scalar.properties)
        case .assigned: return scalar.properties.generalCategory != .unassigned
        default: return false
        }
    }

    /// Looks a name up loosely (case, `_`, `-` and spaces ignored), with `gc=`/`sc=` prefixes.
    init?(name: String) {
        var key = Self.loose(name)
        var kind = ""
        if let eq = name.firstIndex(of: "=") {
            kind = Self.loose(String(name[..<eq]))
            key = Self.loose(String(name[name.index(after: eq)...]))
        }
        switch kind {
        case "":
            if let c = Self.categoryNames[key] {
                self = .categories(c)
            } else if let p = Self.binaryNames[key] {
                self = p
            } else if let r = Scripts.byName[key] {
                self = .ranges(r)
            } else {
                return nil
            }
        case "gc", "generalcategory":
            guard let c = Self.categoryNames[key] else { return nil }
            self = .categories(c)
        case "sc", "script", "scx", "scriptextensions":
            guard let r = Scripts.byName[key] else { return nil }
            self = .ranges(r)
        default:
            return nil
        }
    }

    private static func loose(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    private static let categoryNames: [String: Set<Unicode.GeneralCategory>] = {
        typealias G = Unicode.GeneralCategory
        let letters: Set<G> = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
        let marks: Set<G> = [.nonspacingMark, .spacingMark, .enclosingMark]
        let numbers: Set<G> = [.decimalNumber, .letterNumber, .otherNumber]
        let punctuation: Set<G> = [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
        ]
        let symbols: Set<G> = [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        let separators: Set<G> = [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        let others: Set<G> = [.control, .format, .surrogate, .privateUse, .unassigned]
        var table: [String: Set<G>] = [
            "l": letters, "letter": letters,
            "lc": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter], "casedletter": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter],
            "m": marks, "mark": marks, "combiningmark": marks,
            "n": numbers, "number": numbers,
            "p": punctuation, "punctuation": punctuation, "punct": punctuation,
            "s": symbols, "symbol": symbols,
            "z": separators, "separator": separators,
            "c": others, "other": others,
        ]
        let singles: [(String, String, G)] = [
            ("lu", "uppercaseletter", .uppercaseLetter), ("ll", "lowercaseletter", .lowercaseLetter),
            ("lt", "titlecaseletter", .titlecaseLetter), ("lm", "modifierletter", .modifierLetter),
            ("lo", "otherletter", .otherLetter), ("mn", "nonspacingmark", .nonspacingMark),
            ("mc", "spacingmark", .spacingMark), ("me", "enclosingmark", .enclosingMark),
            ("nd", "decimalnumber", .decimalNumber), ("nl", "letternumber", .letterNumber),
            ("no", "othernumber", .otherNumber), ("pc", "connectorpunctuation", .connectorPunctuation),
            ("pd", "dashpunctuation", .dashPunctuation), ("ps", "openpunctuation", .openPunctuation),
            ("pe", "closepunctuation", .closePunctuation), ("pi", "initialpunctuation", .initialPunctuation),
            ("pf", "finalpunctuation", .finalPunctuation), ("po", "otherpunctuation", .otherPunctuation),
            ("sm", "mathsymbol", .mathSymbol), ("sc", "currencysymbol", .currencySymbol),
            ("sk", "modifiersymbol", .modifierSymbol), ("so", "othersymbol", .otherSymbol),
            ("zs", "spaceseparator", .spaceSeparator), ("zl", "lineseparator", .lineSeparator),
            ("zp", "paragraphseparator", .paragraphSeparator), ("cc", "control", .control),
            ("cf", "format", .format), ("cs", "surrogate", .surrogate), ("co", "privateuse", .privateUse),
            ("cn", "unassigned", .unassigned),
        ]
        for (short, long, g) in singles {
            table[short] = [g]
            table[long] = [g]
        }
        table["digit"] = [.decimalNumber]
        table["cntrl"] = [.control]
        return table
    }()

    private static let binaryNames: [String: UnicodeProperty] = [
        "any": .any, "ascii": .ascii, "assigned": .assigned,
        "alphabetic": .binary { $0.isAlphabetic }, "alpha": .binary { $0.isAlphabetic },
        "whitespace": .binary { $0.isWhitespace }, "space": .binary { $0.isWhitespace },
        "uppercase": .binary { $0.isUppercase }, "upper": .binary { $0.isUppercase },
        "lowercase": .binary { $0.isLowercase }, "lower": .binary { $0.isLowercase },
        "asciihexdigit": .binary { $0.isASCIIHexDigit }, "ahex": .binary { $0.isASCIIHexDigit },
        "hexdigit": .binary { $0.isHexDigit }, "hex": .binary { $0.isHexDigit },
        "ideographic": .binary { $0.isIdeographic }, "ideo": .binary { $0.isIdeographic },
        "unifiedideograph": .binary { $0.isUnifiedIdeograph }, "uideo": .binary { $0.isUnifiedIdeograph },
        "math": .binary { $0.isMath }, "dash": .binary { $0.isDash },
        "emoji": .binary { $0.isEmoji }, "emojipresentation": .binary { $0.isEmojiPresentation },
        "emojimodifier": .binary { $0.isEmojiModifier }, "emojimodifierbase": .binary { $0.isEmojiModifierBase },
        "noncharactercodepoint": .binary { $0.isNoncharacterCodePoint },
        "defaultignorablecodepoint": .binary { $0.isDefaultIgnorableCodePoint }, "di": .binary { $0.isDefaultIgnorableCodePoint },
        "idstart": .binary { $0.isIDStart }, "ids": .binary { $0.isIDStart },
        "idcontinue": .binary { $0.isIDContinue }, "idc": .binary { $0.isIDContinue },
        "xidstart": .binary { $0.isXIDStart }, "xids": .binary { $0.isXIDStart },
        "xidcontinue": .binary { $0.isXIDContinue }, "xidc": .binary { $0.isXIDContinue },
        "cased": .binary { $0.isCased }, "caseignorable": .binary { $0.isCaseIgnorable }, "ci": .binary { $0.isCaseIgnorable },
        "diacritic": .binary { $0.isDiacritic }, "dia": .binary { $0.isDiacritic },
        "extender": .binary { $0.isExtender }, "ext": .binary { $0.isExtender },
        "joincontrol": .binary { $0.isJoinControl }, "joinc": .binary { $0.isJoinControl },
        "quotationmark": .binary { $0.isQuotationMark }, "qmark": .binary { $0.isQuotationMark },
        "terminalpunctuation": .binary { $0.isTerminalPunctuation }, "term": .binary { $0.isTerminalPunctuation },
        "sentenceterminal": .binary { $0.isSentenceTerminal }, "sterm": .binary { $0.isSentenceTerminal },
        "variationselector": .binary { $0.isVariationSelector }, "vs": .binary { $0.isVariationSelector },
        "patternwhitespace": .binary { $0.isPatternWhitespace }, "patws": .binary { $0.isPatternWhitespace },
        "patternsyntax": .binary { $0.isPatternSyntax }, "patsyn": .binary { $0.isPatternSyntax },
        "radical": .binary { $0.isRadical }, "softdotted": .binary { $0.isSoftDotted }, "sd": .binary { $0.isSoftDotted },
        "deprecated": .binary { $0.isDeprecated }, "dep": .binary { $0.isDeprecated },
        "bidicontrol": .binary { $0.isBidiControl }, "bidic": .binary { $0.isBidiControl },
        "bidimirrored": .binary { $0.isBidiMirrored }, "bidim": .binary { $0.isBidiMirrored },
        "logicalorderexception": .binary { $0.isLogicalOrderException }, "loe": .binary { $0.isLogicalOrderException },
        "idsbinaryoperator": .binary { $0.isIDSBinaryOperator }, "idsb": .binary { $0.isIDSBinaryOperator },
        "idstrinaryoperator": .binary { $0.isIDSTrinaryOperator }, "idst": .binary { $0.isIDSTrinaryOperator },
        "changeswhenlowercased": .binary { $0.changesWhenLowercased }, "cwl": .binary { $0.changesWhenLowercased },
        "changeswhenuppercased": .binary { $0.changesWhenUppercased }, "cwu": .binary { $0.changesWhenUppercased },
        "changeswhentitlecased": .binary { $0.changesWhenTitlecased }, "cwt": .binary { $0.changesWhenTitlecased },
        "changeswhencasefolded": .binary { $0.changesWhenCaseFolded }, "cwcf": .binary { $0.changesWhenCaseFolded },
        "changeswhencasemapped": .binary { $0.changesWhenCaseMapped }, "cwcm": .binary { $0.changesWhenCaseMapped },
        "changeswhennfkccasefolded": .binary { $0.changesWhenNFKCCaseFolded }, "cwkcf": .binary { $0.changesWhenNFKCCaseFolded },
        "graphemebase": .binary { $0.isGraphemeBase }, "grbase": .binary { $0.isGraphemeBase },
        "graphemeextend": .binary { $0.isGraphemeExtend }, "grext": .binary { $0.isGraphemeExtend },
        "fullcompositionexclusion": .binary { $0.isFullCompositionExclusion }, "compex": .binary { $0.isFullCompositionExclusion },
    ]
}

/// The main blocks of the scripts that regexes and IDNA rules most often name. Approximate: the
/// standard library carries no Script property, and blocks are close enough for these uses.
enum Scripts {
    static let latin: [ClosedRange<UInt32>] = [
        0x41...0x5A, 0x61...0x7A, 0xAA...0xAA, 0xBA...0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F,
        0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF3A, 0xFF41...0xFF5A,
    ]
    static let greek: [ClosedRange<UInt32>] = [0x370...0x373, 0x375...0x377, 0x37A...0x37D, 0x37F...0x3FF, 0x1F00...0x1FFF]
    static let cyrillic: [ClosedRange<UInt32>] = [0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F]
    static let hebrew: [ClosedRange<UInt32>] = [0x591...0x5F4, 0xFB1D...0xFB4F]
    static let arabic: [ClosedRange<UInt32>] = [
        0x600...0x604, 0x606...0x60B, 0x60D...0x61A, 0x61C...0x61E, 0x620...0x63F, 0x641...0x64A,
        0x656...0x66F, 0x671...0x6DC, 0x6DE...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF,
    ]
    static let hiragana: [ClosedRange<UInt32>] = [0x3041...0x3096, 0x309D...0x309F, 0x1B001...0x1B11F]
    static let katakana: [ClosedRange<UInt32>] = [
        0x30A1...0x30FA, 0x30FD...0x30FF, 0x31F0...0x31FF, 0x32D0...0x32FE, 0x3300...0x3357, 0xFF66...0xFF6F,
        0xFF71...0xFF9D, 0x1B000...0x1B000,
    ]
    static let han: [ClosedRange<UInt32>] = [
        0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x3005...0x3005, 0x3007...0x3007, 0x3021...0x3029,
        0x3038...0x303B, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F,
    ]
    static let hangul: [ClosedRange<UInt32>] = [0x1100...0x11FF, 0x3131...0x318E, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xD7B0...0xD7FF]
    static let thai: [ClosedRange<UInt32>] = [0xE01...0xE3A, 0xE40...0xE5B]
    static let devanagari: [ClosedRange<UInt32>] = [0x900...0x950, 0x955...0x963, 0x966...0x97F, 0xA8E0...0xA8FF]

    static let byName: [String: [ClosedRange<UInt32>]] = [
        "latin": latin, "latn": latin, "greek": greek, "grek": greek, "cyrillic": cyrillic, "cyrl": cyrillic,
        "hebrew": hebrew, "hebr": hebrew, "arabic": arabic, "arab": arabic, "hiragana": hiragana, "hira": hiragana,
        "katakana": katakana, "kana": katakana, "han": han, "hani": han, "hangul": hangul, "hang": hangul,
        "thai": thai, "devanagari": devanagari, "deva": devanagari,
    ]

    static func contains(_ ranges: [ClosedRange<UInt32>], _ c: UInt32) -> Bool { ranges.contains { $0.contains(c) } }
}
