import Testing

@testable import JSONSchema

@Suite("ECMA-262 regular expressions")
struct RegexTests {
    func matches(_ pattern: String, _ subject: String) throws -> Bool {
        try ECMARegex(pattern).matches(subject)
    }

    @Test func ecmaClassesAreASCII() throws {
        #expect(try matches(#"^\d$"#, "0"))
        #expect(try !matches(#"^\d$"#, "\u{07C0}"))
        #expect(try matches(#"^\w$"#, "_"))
        #expect(try !matches(#"^\w$"#, "é"))
        #expect(try matches(#"^\s$"#, "\u{FEFF}"))
        #expect(try matches(#"^\S$"#, "\u{2013}"))
        #expect(try matches(#"^\p{Letter}+$"#, "école"))
        #expect(try matches(#"^\P{L}$"#, "1"))
    }

    @Test func dollarDoesNotMatchBeforeATrailingNewline() throws {
        #expect(try !matches("^abc$", "abc\n"))
        #expect(try matches("^abc$", "abc"))
    }

    @Test func unicodeAndEscapes() throws {
        #expect(try matches("^🐲*$", "🐲🐲"))
        #expect(try !matches("^🐲*$", "🐉"))
        #expect(try matches(#"^\cC$"#, "\u{3}"))
        #expect(try matches(#"^\u{1F432}\x41\u0042$"#, "🐲AB"))
        #expect(try matches(#"^\uD83D\uDC32$"#, "🐲"))
        #expect(try matches("^.$", "🐲"))
        #expect(try !matches("^.$", "\n"))
    }

    @Test func groupsQuantifiersAndLookaround() throws {
        #expect(try matches("^(ab|cd){2,3}$", "abcdab"))
        #expect(try !matches("^(ab|cd){2,3}$", "ab"))
        #expect(try matches("^a+?b$", "aaab"))
        #expect(try matches(#"^(\w+)-\1$"#, "abc-abc"))
        #expect(try !matches(#"^(\w+)-\1$"#, "abc-abd"))
        #expect(try matches(#"^(?<x>a)\k<x>$"#, "aa"))
        #expect(try matches("^(?=.*[0-9])(?!.*x)[a-z0-9]+$", "abc1"))
        #expect(try !matches("^(?=.*[0-9])(?!.*x)[a-z0-9]+$", "abcx1"))
        #expect(try matches("(?<=\\$)\\d+", "cost: $42"))
        #expect(try matches(#"\bfoo\b"#, "a foo b"))
        #expect(try !matches(#"\bfoo\b"#, "afoob"))
        #expect(try matches("^(a*)*$", "aaaa"))
        #expect(try matches("^[^]$", "\n"))
        #expect(try !matches("^[]$", "a"))
    }

    @Test func syntaxErrors() {
        for bad in ["(", "[a-", "a**", "\\a", "(?<1>x)", "x{3,2}", "\\1(a)(b)(c)x\\9", "\\k<nope>(?<yes>a)"] {
            #expect(throws: RegexSyntaxError.self, "\(bad)") { try ECMARegex(bad) }
        }
        for good in ["a{", "}", "]", "\\-", "[\\b]", "a{2}", "\\/"] {
            #expect(throws: Never.self, "\(good)") { try ECMARegex(good) }
        }
    }
}
