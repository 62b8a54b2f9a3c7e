import JSONCore
import Testing
import YAMLReader

@Suite("Source map: every node's span and every key's span")
struct SourceMapTests {
    let spec = """
        version: 1
        providers:
          p0001:
            name: Provider 1   # comment
            headers: { X-Team: platform }
            models:
              - id: llama
                context: 4096

        # trailing comment
        """

    @Test("one entry per node, in pre-order")
    func entryPerNode() throws {
        let doc = try read(spec)
        #expect(doc.sourceMap.count == nodeCount(doc.value))
        #expect(doc.sourceMap[0].descendants == nodeCount(doc.value) - 1)
        // Pre-order: root, version, providers, p0001, name, headers, X-Team, models, [0], id, context.
        let starts = doc.sourceMap.map { "\($0.value.start)" }
        #expect(starts == ["1:1", "1:10", "3:3", "4:5", "4:11", "5:14", "5:24", "7:7", "7:9", "7:13", "8:18"])
    }

    @Test("value and key positions")
    func positions() throws {
        let doc = try read(spec)
        #expect(span(location(doc, "")?.value) == "1:1@0-8:22@149")
        #expect(location(doc, "")?.key == nil)
        #expect(span(location(doc, "/version")?.value) == "1:10@9-1:11@10")
        #expect(span(location(doc, "/version")?.key) == "1:1@0-1:8@7")
        #expect(span(location(doc, "/providers/p0001/name")?.value) == "4:11@41-4:21@51")
        #expect(span(location(doc, "/providers/p0001/name")?.key) == "4:5@35-4:9@39")
        // A flow mapping ends after its brace.
        #expect(span(location(doc, "/providers/p0001/headers")?.value) == "5:14@77-5:34@97")
        #expect(span(location(doc, "/providers/p0001/headers/X-Team")?.key) == "5:16@79-5:22@85")
        // A block collection ends where its last child ends, not at the next token.
        #expect(span(location(doc, "/providers/p0001")?.value) == "4:5@35-8:22@149")
        #expect(span(location(doc, "/providers/p0001/models")?.value) == "7:7@116-8:22@149")
        #expect(location(doc, "/providers/p0001/models/0")?.key == nil)
        #expect(span(location(doc, "/providers/p0001/models/0/context")?.key) == "8:9@136-8:16@143")
    }

    @Test("offsets count UTF-8 bytes; columns count code points")
    func multiByte() throws {
        // é is 2 bytes, 日本 are 3 bytes each, 🦙 is 4 bytes (one code point).
        let doc = try read("é: 日本\n🦙: x\nk: [é, 🦙, z]\n")
        #expect(span(location(doc, "/é")?.key) == "1:1@0-1:2@2")
        #expect(span(location(doc, "/é")?.value) == "1:4@4-1:6@10")
        #expect(span(location(doc, "/🦙")?.key) == "2:1@11-2:2@15")
        #expect(span(location(doc, "/🦙")?.value) == "2:4@17-2:5@18")
        #expect(span(location(doc, "/k/0")?.value) == "3:5@23-3:6@25")
        #expect(span(location(doc, "/k/1")?.value) == "3:8@27-3:9@31")
        #expect(span(location(doc, "/k/2")?.value) == "3:11@33-3:12@34")
        #expect(span(location(doc, "/k")?.value) == "3:4@22-3:13@35")
    }

    @Test("a byte order mark is skipped but counted in offsets")
    func byteOrderMark() throws {
        let doc = try YAMLDocumentReader.read([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        #expect(doc.value == ["a": 1])
        #expect(span(location(doc, "/a")?.key) == "1:1@3-1:2@4")
        #expect(span(location(doc, "/a")?.value) == "1:4@6-1:5@7")
    }

    @Test("CRLF line ends")
    func crlf() throws {
        let doc = try read("a: 1\r\nb: é\r\nc: 3\r\n")
        #expect(span(location(doc, "/b")?.value) == "2:4@9-2:5@11")
        #expect(span(location(doc, "/c")?.key) == "3:1@13-3:2@14")
    }

    @Test("quoted, multi-line and block scalars")
    func scalarSpans() throws {
        let doc = try read("a: \"x\"\nb: |\n  one\n  two\nc: plain\n  continued\n")
        #expect(span(location(doc, "/a")?.value) == "1:4@3-1:7@6")
        #expect(span(location(doc, "/b")?.value) == "2:4@10-5:1@24")
        #expect(span(location(doc, "/c")?.value) == "5:4@27-6:12@44")
        #expect(doc.value["c"] == "plain continued")
    }

    @Test("positions after multi-byte text stay right deep into a document")
    func longDocument() throws {
        var text = "é: 0\n"
        for i in 1...300 { text += "k\(i): \(i % 2 == 0 ? "ü" : "x")\n" }
        let doc = try read(text)
        let loc = try #require(location(doc, "/k300"))
        // Line 301 starts after "é: 0\n" (6 bytes) and 300 lines before it.
        var offset = 6
        for i in 1..<300 { offset += "k\(i): \(i % 2 == 0 ? "ü" : "x")\n".utf8.count }
        #expect(at(loc.key?.start) == "301:1@\(offset)")
        #expect(at(loc.value.start) == "301:7@\(offset + 6)")
        #expect(doc.sourceMap.count == 302)
    }
}
