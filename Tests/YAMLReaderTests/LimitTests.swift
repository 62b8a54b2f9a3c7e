import JSONCore
import Testing
import YAMLReader

@Suite("Limits")
struct LimitTests {
    @Test("nesting up to the limit is fine; one more level is an error at that collection")
    func depth() throws {
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try read(ok).sourceMap.count == 100)
        let deep = String(repeating: "[", count: 101) + String(repeating: "]", count: 101)
        let e = try #require(failure(deep))
        #expect(e.kind == .tooDeep)
        #expect(at(e.position) == "1:101@100")
    }

    @Test("a very deep input fails fast, in block style too")
    func veryDeep() throws {
        let flow = String(repeating: "[", count: 200_000)
        #expect(failure(flow)?.kind == .tooDeep)
        var block = ""
        for i in 0..<150 { block += String(repeating: " ", count: i) + "k:\n" }
        let e = try #require(failure(block))
        #expect(e.kind == .tooDeep)
        #expect(e.position.line == 101)
        #expect(try read(block, limits: YAMLLimits(maxDepth: 200)).sourceMap.count == 151)
    }

    @Test("an input over the size limit fails before parsing")
    func tooLarge() throws {
        let text = "a: [" + String(repeating: "1, ", count: 100) + "]\n"
        let e = try #require(failure(text, limits: YAMLLimits(maxBytes: 100)))
        #expect(e.kind == .tooLarge)
        #expect(at(e.position) == "1:1@0")
        #expect(e.message.contains("\(text.utf8.count) bytes"))
        #expect(try read(text, limits: YAMLLimits(maxBytes: text.utf8.count)).value["a"]?.arrayValue?.count == 100)
        // Checked before parsing: even broken YAML reports its size first.
        #expect(failure("[" + String(repeating: "x", count: 200), limits: YAMLLimits(maxBytes: 100))?.kind == .tooLarge)
        #expect(YAMLLimits().maxBytes == 32 * 1024 * 1024)
    }

    @Test("bytes and String give the same document")
    func bytesAndString() throws {
        let text = "a: é\nb: [1, 2]\n"
        let fromBytes = try YAMLDocumentReader.read(Array(text.utf8))
        let fromString = try YAMLDocumentReader.read(text)
        #expect(fromBytes.value == fromString.value)
        #expect(Array(fromBytes.sourceMap) == Array(fromString.sourceMap))
    }
}

@Test("the libyaml version is reported")
func libraryVersion() {
    #expect(YAMLLibrary.version.split(separator: ".").count == 3)
}
