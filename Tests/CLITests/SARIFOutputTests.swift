import Foundation
import JSONCore
import JSONSchema
import Testing

/// `validate --format sarif` through the binary, checked against the SARIF 2.1.0 schemas in
/// Tests/SARIF (draft-07, and the OASIS errata 01 one in draft-04) with formats asserted.
@Suite("provider-sync validate --format sarif")
struct SARIFOutputTests {
    static let schemas: [SchemaValidator] = ["sarif-schema-2.1.0.json", "sarif-schema-2.1.0-errata01.json"].map { name in
        let path = CLI.repository + "/Tests/SARIF/" + name
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try SchemaValidator(schema: JSONParser.value(text), options: ValidationOptions(formatAssertion: true))
        } catch {
            fatalError("\(path): \(error)")  // a broken fixture: every test here would be meaningless
        }
    }

    static let invalidExamples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CLI.repository + "/examples/invalid")) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "examples/invalid/" + $0 }
    }()

    /// Runs validate in `format` and returns the exit status and stdout parsed as SARIF.
    private func sarif(_ arguments: [String], in folder: String? = nil, stdin: String? = nil) throws -> (Int32, JSONValue, String) {
        let r = try CLI.run(["validate", "--format", "sarif"] + arguments, in: folder, stdin: stdin)
        let log = try JSONParser.value(r.stdout)
        for (i, schema) in Self.schemas.enumerated() {
            let errors = schema.validate(log)
            #expect(errors.isEmpty, "schema \(i): \(errors.map { "\($0.instanceLocation): \($0.message)" })")
        }
        return (r.status, log, r.stderr)
    }

    @Test("every invalid example: a valid SARIF log with one result per diagnostic of --format json")
    func invalidExamples() throws {
        #expect(Self.invalidExamples.count >= 10)
        let (status, log, stderr) = try sarif(Self.invalidExamples)
        #expect(status == 1)
        #expect(stderr.isEmpty, "nothing as plain text: \(stderr)")
        #expect(log["version"] == "2.1.0")
        let runs = try #require(log["runs"]?.arrayValue)
        #expect(runs.count == 1)
        let run = runs[0]
        let driver = try #require(run["tool"]?["driver"])
        #expect(driver["name"] == "provider-sync")
        #expect(driver["version"]?.stringValue?.isEmpty == false)
        #expect(driver["informationUri"]?.stringValue?.hasPrefix("https://") == true)
        #expect(run["invocations"]?[0]?["executionSuccessful"] == .bool(true))

        // The same findings as the JSON lines, in the same order.
        let lines = try CLI.run(["validate", "--format", "json"] + Self.invalidExamples).stdout.split(separator: "\n")
        let expected = try lines.map { try JSONParser.value(String($0)) }
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == expected.count)
        #expect(results.count >= Self.invalidExamples.count)
        let rules = try #require(driver["rules"]?.arrayValue)
        let ruleIDs = rules.compactMap { $0["id"]?.stringValue }
        #expect(Set(ruleIDs).count == ruleIDs.count, "one rule per code")
        #expect(Set(ruleIDs) == Set(expected.compactMap { $0["code"]?.stringValue }), "a rule for each code that appears, no other")
        #expect(ruleIDs.contains("schema.additionalProperties"))
        for rule in rules { #expect(rule["shortDescription"]?["text"]?.stringValue?.isEmpty == false) }

        for (result, line) in zip(results, expected) {
            let code = try #require(line["code"]?.stringValue)
            #expect(result["ruleId"]?.stringValue == code)
            let index = try #require(result["ruleIndex"]?.numberValue)
            #expect(ruleIDs[Int(index)] == code)
            #expect(result["level"] == line["severity"])
            let text = try #require(result["message"]?["text"]?.stringValue)
            #expect(text.hasPrefix(try #require(line["message"]?.stringValue)))
            if let hint = line["hint"]?.stringValue {
                #expect(text.hasSuffix("Hint: " + hint), "GitHub shows message.text: the hint is in it")
                #expect(result["properties"]?["hint"]?.stringValue == hint)
            }
            let physical = try #require(result["locations"]?[0]?["physicalLocation"])
            #expect(physical["artifactLocation"]?["uri"] == line["file"])
            #expect(physical["region"]?["startLine"] == line["line"])
            #expect(physical["region"]?["startColumn"] == line["column"])
        }
        // The misspelled key: the region covers the key, end included.
        let misspelled = try #require(results.first { $0["ruleId"] == "schema.additionalProperties" })
        let region = try #require(misspelled["locations"]?[0]?["physicalLocation"]?["region"])
        #expect(region["startLine"] == 7 && region["startColumn"] == 5)
        #expect(region["endLine"] == 7 && region["endColumn"] == 11)
        // A literal key is reported, never shown.
        #expect(!JSONWriter.compact(log).contains("0123456789abcdef"))
    }

    @Test("a missing path is a result and a notification, the others are still checked: exit 2")
    func missingPath() throws {
        let (status, log, stderr) = try sarif(["no-such-file.yaml", "examples/invalid/misspelled-key.yaml", "no-such-folder/"])
        #expect(status == 2)
        #expect(stderr.isEmpty, "\(stderr)")
        let run = try #require(log["runs"]?[0])
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.map { $0["ruleId"]?.stringValue } == ["io.unreadable", "schema.additionalProperties", "io.unreadable"])
        #expect(results[0]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "no-such-file.yaml")
        #expect(results[0]["locations"]?[0]?["physicalLocation"]?["region"] == nil)
        let invocation = try #require(run["invocations"]?[0])
        #expect(invocation["executionSuccessful"] == .bool(false))
        let notifications = try #require(invocation["toolExecutionNotifications"]?.arrayValue)
        #expect(notifications.count == 2)
        #expect(notifications[1]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "no-such-folder/")
        #expect(notifications.allSatisfy { $0["descriptor"]?["id"] == "io.unreadable" && $0["level"] == "error" })
    }

    @Test("the schemas reject what SARIF forbids, so the checks above can fail")
    func schemasBite() throws {
        let good = #"""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"message": {"text": "m"},
             "level": "error", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 1}}}]}]}]}
            """#
        for schema in Self.schemas { #expect(schema.isValid(try JSONParser.value(good))) }
        let broken = [
            good.replacingOccurrences(of: #""level": "error""#, with: #""level": "fatal""#),
            good.replacingOccurrences(of: #""startLine": 1"#, with: #""startLine": 0"#),
            good.replacingOccurrences(of: #""message": {"text": "m"},"#, with: ""),
            good.replacingOccurrences(of: #""uri": "a.yaml""#, with: #""uri": "a b.yaml""#),
            good.replacingOccurrences(of: #""version": "2.1.0""#, with: #""version": "2.2""#),
            good.replacingOccurrences(of: #""name": "t""#, with: #""name": "t", "rules": [{"id": "x"}, {"id": "x"}], "bogus": 1"#),
        ]
        for text in broken {
            #expect(text != good)
            for schema in Self.schemas { #expect(!schema.isValid(try JSONParser.value(text)), "\(text)") }
        }
        // The errata 01 schema also wants a region to say where it starts.
        let noStart = good.replacingOccurrences(of: #""startLine": 1"#, with: #""endLine": 1"#)
        #expect(Self.schemas[0].isValid(try JSONParser.value(noStart)))
        #expect(!Self.schemas[1].isValid(try JSONParser.value(noStart)))
    }

    @Test("a clash in a folder: a result at the later file, a related location at the first; the log stays valid")
    func folderClash() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write(specText([alphaProvider], model: "alpha/m1"), to: "providers.d/10-a.yaml")
        try box.write(specText([alphaProvider]), to: "providers.d/20-b.yaml")
        let (status, log, _) = try sarif(["providers.d"], in: box.work)
        #expect(status == 1)
        let result = try #require(log["runs"]?[0]?["results"]?[0])
        #expect(result["ruleId"] == "spec.duplicate-provider")
        #expect(result["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "providers.d/20-b.yaml")
        let related = try #require(result["relatedLocations"]?[0]?["physicalLocation"])
        #expect(related["artifactLocation"]?["uri"] == "providers.d/10-a.yaml")
        #expect(related["region"]?["startLine"] == 3)
        #expect(related["region"]?["startColumn"] == 3)
    }

    @Test("a valid spec: an empty run, exit 0")
    func valid() throws {
        let (status, log, _) = try sarif(["examples/tgi.yaml"])
        #expect(status == 0)
        #expect(log["runs"]?[0]?["results"] == .array([]))
        #expect(log["runs"]?[0]?["tool"]?["driver"]?["rules"] == .array([]))
    }

    @Test("file names a URI cannot hold as they are are percent-encoded, and the log stays valid")
    func awkwardFileNames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = "version: 1\nproviders: {}\nmodle: x\n"
        for name in ["team specs#1.yaml", "c:odd.yaml", "naïve%.yaml"] {
            try spec.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let (status, log, _) = try sarif(["team specs#1.yaml", "c:odd.yaml", "naïve%.yaml"], in: folder)
        #expect(status == 1)
        let uris = log["runs"]?[0]?["results"]?.arrayValue?.map { $0["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] }
        #expect(uris == [.string("team%20specs%231.yaml"), .string("./c:odd.yaml"), .string("na%C3%AFve%25.yaml")])
        let fromStdin = try sarif(["--stdin-name", "team/providers.yaml", "-"], stdin: spec)
        #expect(fromStdin.1["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]
            == "team/providers.yaml")
    }
}

@Suite("provider-sync validate: a path that cannot be read, in each format")
struct UnreadablePathTests {
    @Test("json: one object per line for it, the other files checked, nothing on stderr")
    func json() throws {
        let r = try CLI.run(["validate", "--format", "json", "no-such-file.yaml", "examples/invalid/misspelled-key.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let lines = try r.stdout.split(separator: "\n").map { try JSONParser.value(String($0)) }
        #expect(lines.count == 2)
        #expect(lines[0]["file"] == "no-such-file.yaml")
        #expect(lines[0]["code"] == "io.unreadable")
        #expect(lines[0]["severity"] == "error")
        #expect(lines[0]["message"] == "no such file or folder")
        #expect(lines[0]["line"] == nil)
        #expect(lines[1]["code"] == "schema.additionalProperties")
    }

    @Test("github: an error annotation for it, the other files checked, nothing on stderr")
    func github() throws {
        let r = try CLI.run(["validate", "--format", "github", "examples/invalid/completions-url.yaml", "missing/"])
        #expect(r.status == 2)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=examples/invalid/completions-url.yaml,line=7"))
        #expect(lines[1] == "::error file=missing/,title=provider-sync io.unreadable::no such file or folder")
    }

    @Test("text: an error on stderr for it, and the other files are still checked")
    func text() throws {
        let r = try CLI.run(["validate", "no-such-file.yaml", "examples/invalid/misspelled-key.yaml"])
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("examples/invalid/misspelled-key.yaml:7:5: error: unknown property 'modles'"))
        #expect(r.stderr == "error: no-such-file.yaml: no such file or folder\n1 error, 1 unreadable in 2 files\n")
    }
}
