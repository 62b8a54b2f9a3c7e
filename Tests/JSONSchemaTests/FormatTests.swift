import JSONCore
import Testing

@testable import JSONSchema

@Suite("format")
struct FormatTests {
    @Test func annotationByDefaultAssertionOnRequest() throws {
        try expect(#"{"format": "ipv4"}"#, valid: ["\"999.1.1.1\"", "\"127.0.0.1\""])
        try expect(#"{"format": "ipv4"}"#, valid: ["\"127.0.0.1\"", "12"], invalid: ["\"999.1.1.1\""], formatAssertion: true)
        try expect(#"{"format": "no-such-format"}"#, valid: ["\"anything\""], formatAssertion: true)
        let errors = try validator(#"{"format": "date"}"#, formatAssertion: true).validate("2024-02-30")
        #expect(errors.map(\.message) == ["is not a valid date"])
        #expect(errors.first?.detail == .invalidFormat("date"))
    }

    @Test func formatAssertionVocabulary() throws {
        var registry = SchemaRegistry()
        registry.add(try json(#"""
            {"$id": "https://example.com/meta", "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true,
             "https://json-schema.org/draft/2020-12/vocab/format-assertion": true}}
            """#), uri: "https://example.com/meta")
        try expect(#"{"$schema": "https://example.com/meta", "format": "ipv4"}"#, invalid: ["\"nope\""], registry: registry)
    }

    static let cases: [(FormatKind, [String], [String])] = [
        (.dateTime, ["1963-06-19T08:30:06.283185Z", "1998-12-31T15:59:60.123-08:00"], ["1963-06-19T08:30:06", "1998-12-31T23:59:61Z", "2020-02-30T00:00:00Z"]),
        (.date, ["2020-02-29", "2021-12-31"], ["2021-02-29", "2020-1-01", "2020-13-01"]),
        (.time, ["08:30:06Z", "23:59:60Z", "08:30:06+01:00"], ["08:30:06", "24:00:00Z", "22:59:60Z"]),
        (.duration, ["P4DT12H30M5S", "P2W", "PT0S"], ["P", "PT", "P1Y2W", "P2D1Y"]),
        (.email, ["joe.bloggs@example.com", "\"joe bloggs\"@example.com", "a@[127.0.0.1]"], ["2962", ".a@example.com", "a..b@example.com"]),
        (.idnEmail, ["실례@실례.테스트"], ["2962"]),
        (.hostname, ["www.example.com", "xn--4gbwdl.xn--wgbh1c"], ["-a.com", "a_b.com", "", String(repeating: "a", count: 64) + ".com"]),
        (.idnHostname, ["실례.테스트", "l·l"], ["a·l", "〮실례.테스트", "xn--X"]),
        (.ipv4, ["192.168.0.1"], ["256.1.1.1", "01.1.1.1", "1.1.1"]),
        (.ipv6, ["::1", "1:2:3:4:5:6:7:8", "::ffff:192.168.0.1"], ["12345::", "1::2::3", "1:2:3:4:5:6:7", "fe80::a%eth1"]),
        (.uri, ["http://example.com/a?b#c", "urn:isbn:0451450523", "mailto:a@b.c"], ["/relative", "//host/x", "http://ex ample.com"]),
        (.uriReference, ["/relative", "#frag", "a/b"], ["\\\\WINDOWS\\file", "#a#b"]),
        (.iri, ["http://ƒøø.ßår/?∂éœ=πîx#πîüx"], ["/abc", "http://2001:0db8:85a3:0000:0000:8a2e:0370:7334"]),
        (.iriReference, ["//ƒøø.ßår/?∂éœ=πîx#πîüx"], ["\\\\WINDOWS\\filëßåré"]),
        (.uriTemplate, ["http://example.com/dictionary/{term:1}/{term}", "{+path}/here{?q*}"], ["http://example.com/{term", "{a:0}"]),
        (.jsonPointer, ["", "/a/b~0c", "/"], ["a", "/a~2"]),
        (.relativeJSONPointer, ["0", "1/a", "2#"], ["-1", "01", "/a", "0##"]),
        (.regex, ["^[a-z]+$", "(?<name>x)\\k<name>"], ["^(abc]", "\\a", "[b-a]"]),
        (.uuid, ["2eb8aa08-aa98-11ea-b4aa-73b441d16380"], ["2eb8aa08-aa98-11ea-b4aa-73b441d1638", "2eb8aa08aa9811eab4aa73b441d16380"]),
    ]

    @Test(arguments: cases.indices)
    func formatChecks(index: Int) {
        let (kind, valid, invalid) = Self.cases[index]
        for text in valid { #expect(kind.isValid(text), "\(kind.rawValue): \(text) should be valid") }
        for text in invalid { #expect(!kind.isValid(text), "\(kind.rawValue): \(text) should be invalid") }
    }
}
