import JSONCore
import Testing
import YAMLReader

@Suite("Anchors and aliases")
struct AliasTests {
    @Test("an alias copies the value and the anchored node's source map entries")
    func copies() throws {
        let text = """
            base: &h
              X-Team: platform
              list: [1, 2]
            p1:
              headers: *h
            """
        let doc = try read(text)
        let base: JSONValue = ["X-Team": "platform", "list": [1, 2]]
        #expect(doc.value["p1"]?["headers"] == base)
        #expect(doc.sourceMap.count == nodeCount(doc.value))
        // The copy's root is the alias, with its own key.
        let root = try #require(location(doc, "/p1/headers"))
        #expect(span(root.value) == "5:12@58-5:14@60")
        #expect(span(root.key) == "5:3@49-5:10@56")
        #expect(root.descendants == 4)
        // Below the root, entries are the anchored node's.
        #expect(location(doc, "/p1/headers/X-Team") == location(doc, "/base/X-Team"))
        #expect(location(doc, "/p1/headers/list") == location(doc, "/base/list"))
        #expect(location(doc, "/p1/headers/list/1") == location(doc, "/base/list/1"))
        #expect(span(location(doc, "/p1/headers/list/1")?.value) == "3:13@40-3:14@41")
    }

    @Test("aliases of scalars, in sequences, and as keys")
    func scalarsAndKeys() throws {
        let doc = try read("- &a hello\n- *a\n- {&k name: 1, x: *k}\n- {*k : 2}\n")
        #expect(doc.value == ["hello", "hello", ["name": 1, "x": "name"], ["name": 2]])
        #expect(span(location(doc, "/1")?.value) == "2:3@13-2:5@15")
        #expect(span(location(doc, "/3/name")?.key) == "4:4@41-4:6@43")
        #expect(doc.sourceMap.count == nodeCount(doc.value))
        let e = try #require(failure("- &n 1\n- {*n : 2}\n"))
        #expect(e.kind == .nonStringKey)
        #expect(at(e.position) == "2:4@10")
    }

    @Test("merge keys are plain string keys")
    func mergeKeyIsAString() throws {
        let doc = try read("base: &b {a: 1}\nd:\n  <<: *b\n  c: 2\n")
        #expect(doc.value["d"] == ["<<": ["a": 1], "c": 2])
    }

    @Test("an anchor redefined later: aliases take the latest")
    func redefinedAnchor() throws {
        let doc = try read("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(doc.value == ["a": 1, "b": 1, "c": 2, "d": 2])
    }

    @Test("nested aliases are charged for all they copy")
    func nestedBudget() throws {
        let text = "a: &a [1, 2, 3]\nb: &b [*a, *a]\nc: [*b, *b]\n"
        // a: 4 nodes; b's aliases add 8; c's aliases add 2 × 9 = 18: 26 in all.
        #expect(
            try read(text, limits: YAMLLimits(maxAliasExpansion: 26)).sourceMap.count == 4 + 1 + 8 + 1 + 18 + 1)
        let e = try #require(failure(text, limits: YAMLLimits(maxAliasExpansion: 25)))
        #expect(e.kind == .aliasBudget)
        #expect(at(e.position) == "3:9@39")
    }

    @Test("billion laughs fails fast with aliasBudget")
    func billionLaughs() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let e = try #require(failure(billionLaughsText(levels: 10)))
        #expect(e.kind == .aliasBudget)
        // Levels 1-3 add 1 230 nodes; each *lol3 adds 1 111, so the 8th on line 5 crosses 10 000.
        #expect(e.position.line == 5)
        #expect(e.position.column == 63)
        #expect(clock.now - start < .seconds(2))
    }

    @Test("the default budget is max(10 000, input bytes / 4)")
    func defaultBudget() {
        #expect(YAMLLimits().aliasBudget(forInputOf: 10) == 10_000)
        #expect(YAMLLimits().aliasBudget(forInputOf: 5_000_000) == 1_250_000)
        #expect(YAMLLimits(maxAliasExpansion: 7).aliasBudget(forInputOf: 5_000_000) == 7)
    }

    @Test("an alias that would nest too deep")
    func aliasDepth() throws {
        let text = "a: &a [[[1]]]\nb: [[*a]]\n"
        #expect(try read(text, limits: YAMLLimits(maxDepth: 6)).value["b"] == [[[[[1]]]]])
        let e = try #require(failure(text, limits: YAMLLimits(maxDepth: 5)))
        #expect(e.kind == .tooDeep)
        #expect(at(e.position) == "2:6@19")
    }
}

/// The classic: ten levels, each a list of ten aliases of the level before (10^9 leaves).
func billionLaughsText(levels: Int) -> String {
    var text = "lol0: &lol0 \"lol\"\n"
    for i in 1...levels {
        let refs = Array(repeating: "*lol\(i - 1)", count: 10).joined(separator: ", ")
        text += "lol\(i): &lol\(i) [\(refs)]\n"
    }
    return text
}
