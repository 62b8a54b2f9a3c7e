import Foundation
import ProviderSpec
import Testing

@Suite("The bundled examples")
struct ExampleSpecTests {
    static let validExamples = ["providers.yaml", "vllm-local.yaml", "tgi.yaml", "company-gateway.yaml", "localai.yaml"]

    @Test("every example is valid without warnings", arguments: validExamples)
    func exampleIsValid(name: String) throws {
        let loaded = SpecLoader.standard.load(bytes: try Repository.bytes("examples/\(name)"), file: Repository.path("examples/\(name)"))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.spec != nil)
    }

    @Test("every example carries the schema modeline", arguments: validExamples)
    func modeline(name: String) throws {
        let text = try Repository.text("examples/\(name)")
        #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/provider-spec.schema.json\n"))
    }

    @Test("the team spec decodes to the guide's four providers")
    func teamSpec() throws {
        let spec = try #require(SpecLoader.standard.load(bytes: try Repository.bytes("examples/providers.yaml"), file: "providers.yaml").spec)
        #expect(spec.providers.map(\.id) == ["vllm-local", "tgi", "company-gateway", "localai"])
        let vllm = try #require(spec.provider("vllm-local"))
        #expect(vllm.preset == .vllm)
        #expect(vllm.url == "http://localhost:8000")
        #expect(vllm.models == [Model(id: "meta-llama/Llama-2-7b-chat-hf", name: "Llama 2 7B Chat", limit: .init(context: 4096, output: 1024))])
        #expect(spec.provider("tgi")?.models.map(\.id) == ["tgi"])
        let gateway = try #require(spec.provider("company-gateway"))
        #expect(gateway.apiKey == .keyring("company-gateway"))
        #expect(gateway.headers == [Header(name: "X-Team", value: "platform")])
        #expect(gateway.models.first?.toolCall == true)
        #expect(spec.provider("localai")?.url == "http://localhost:8080/v1")
        #expect(spec.provider("localai")?.models == [Model(id: "gpt-3.5-turbo")])
        #expect(spec.model == ModelReference(providerID: "company-gateway", modelID: "gpt-4-company"))
        #expect(spec.smallModel?.description == "vllm-local/meta-llama/Llama-2-7b-chat-hf")
    }

    /// Each broken example shows exactly one diagnostic, at the spot it is about.
    @Test("every invalid example shows its one diagnostic", arguments: [
        ("misspelled-key.yaml", "schema.additionalProperties", 7, 5, "did you mean 'models'?"),
        ("literal-api-key.yaml", "spec.literal-secret", 7, 13, "provider-sync secret set gateway"),
        ("bearer-header.yaml", "spec.literal-secret", 8, 22, "keyring"),
        ("completions-url.yaml", "spec.endpoint-url", 7, 10, "http://localhost:8000/v1"),
        ("unknown-default-model.yaml", "spec.unknown-model", 9, 8, "tgi"),
        ("duplicate-key.yaml", "yaml.duplicateKey", 7, 5, nil),
        ("context-without-output.yaml", "schema.dependentRequired", 8, 9, nil),
        ("bad-provider-id.yaml", "schema.pattern", 4, 3, "no '/'"),
        ("duplicate-model.yaml", "spec.duplicate-model", 9, 9, nil),
        ("syntax-error.yaml", "yaml.syntax", 8, 1, nil),
        ("wrong-version.yaml", "schema.const", 2, 10, nil),
    ] as [(String, String, Int, Int, String?)])
    func invalidExample(name: String, code: String, line: Int, column: Int, hint: String?) throws {
        let loaded = SpecLoader.standard.load(bytes: try Repository.bytes("examples/invalid/\(name)"), file: Repository.path("examples/invalid/\(name)"))
        #expect(loaded.spec == nil)
        try #require(loaded.diagnostics.count == 1, "\(loaded.diagnostics.map { "\($0.code) \($0.position?.description ?? "") \($0.message)" })")
        let d = loaded.diagnostics[0]
        #expect(d.severity == .error)
        #expect(d.code == code)
        #expect(d.position?.line == line)
        #expect(d.position?.column == column)
        if let hint { #expect((d.hint ?? d.message).contains(hint), "\(d.hint ?? "no hint"); \(d.message)") }
    }

    @Test("the invalid examples folder holds only the files tested above")
    func invalidFolderIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Repository.path("examples/invalid")).sorted()
        #expect(names.count == 11)
    }
}
