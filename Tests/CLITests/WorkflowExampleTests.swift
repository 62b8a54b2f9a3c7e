import Foundation
import JSONCore
import JSONSchema
import Testing
import YAMLReader

/// examples/github-actions/validate.yml: read with our YAML reader, its steps checked, and its
/// validate steps run as the runner would run them (bash, the job's environment).
@Suite("the GitHub Actions example workflow")
struct WorkflowExampleTests {
    static let path = "examples/github-actions/validate.yml"

    static func workflow() throws -> JSONValue {
        try YAMLDocumentReader.read(try String(contentsOfFile: CLI.repository + "/" + path, encoding: .utf8)).value
    }

    static func steps() throws -> [JSONValue] {
        try #require(try workflow()["jobs"]?["validate"]?["steps"]?.arrayValue)
    }

    @Test("it builds validate, annotates, writes SARIF and uploads that file with upload-sarif")
    func steps() throws {
        let workflow = try Self.workflow()
        #expect(workflow["permissions"]?["security-events"] == "write", "upload-sarif needs it")
        #expect(workflow["on"]?["pull_request"]?["paths"]?.arrayValue?.contains("providers.d/**") == true)
        let steps = try Self.steps()
        let runs = steps.compactMap { $0["run"]?.stringValue }
        #expect(runs.contains { $0.contains("--package-path .provider-sync/hooks --product provider-sync-validate") })
        #expect(runs.contains { $0.contains("--format github") })
        let sarifRun = try #require(runs.first { $0.contains("--format sarif") })
        let upload = try #require(steps.first { $0["uses"]?.stringValue?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        let file = try #require(upload["with"]?["sarif_file"]?.stringValue)
        #expect(sarifRun.contains("> \(file)"), "the upload takes the file the step writes")
        #expect(upload["if"] == "always()", "uploaded when the spec is invalid too")
        let built = try #require(workflow["env"]?["VALIDATE"]?.stringValue)
        #expect(built == ".provider-sync/hooks/.build/release/provider-sync-validate", "where `swift build -c release --package-path .provider-sync/hooks` puts it")
    }

    @Test("the validate steps, run as the runner runs them on an invalid folder: annotations exit 1, the SARIF step writes a valid log and exits 0")
    func runSteps() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write(specText([alphaProvider]), to: "providers.d/10-a.yaml")
        try box.write(specText([alphaProvider]), to: "providers.d/20-b.yaml")
        let built = box.work + "/.provider-sync/hooks/.build/release"
        try FileManager.default.createDirectory(atPath: built, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: built + "/provider-sync-validate",
                                                   withDestinationPath: (CLI.binary as NSString).deletingLastPathComponent + "/provider-sync-validate")
        var environment = box.environment
        for (key, value) in try #require(try Self.workflow()["env"]?.objectValue) { environment[key] = value.stringValue }
        let steps = try Self.steps()
        func run(_ name: String) throws -> CLI.Result {
            let step = try #require(steps.first { $0["name"]?.stringValue?.hasPrefix(name) == true })
            return try runProcess("/bin/bash", ["-e", "-o", "pipefail", "-c", try #require(step["run"]?.stringValue)], environment: environment, folder: box.work)
        }
        let annotations = try run("Validate (annotations")
        #expect(annotations.status == 1)
        #expect(annotations.stdout.contains("::error file=providers.d/20-b.yaml,line=3,col=3,title=provider-sync spec.duplicate-provider::"),
                "\(annotations.stdout)")
        let sarif = try run("Validate (SARIF)")
        #expect(sarif.status == 0, "\(sarif.stderr)")
        let log = try JSONParser.value(try String(contentsOfFile: box.work + "/provider-sync.sarif", encoding: .utf8))
        for schema in SARIFOutputTests.schemas { #expect(schema.validate(log).isEmpty) }
        #expect(log["runs"]?[0]?["results"]?[0]?["ruleId"] == "spec.duplicate-provider")
    }
}
