import JSONCore
import OpenCodeConfig
import ProviderSpec
import Testing
import Workstation

/// The four guide examples, on each platform: where the file goes and what it holds.
@Suite("guide examples")
struct GuideExampleTests {
    static let environments: [Platform: [String: String]] = [
        .macos: ["HOME": "/Users/ana"],
        .windows: ["APPDATA": #"C:\Users\ana\AppData\Roaming"#, "USERPROFILE": #"C:\Users\ana"#],
        .linux: ["HOME": "/home/ana"],
    ]
    static let openworkPaths: [Platform: String] = [
        .macos: "/Users/ana/Library/Application Support/Openwork/opencode/opencode.json",
        .windows: #"C:\Users\ana\AppData\Roaming\Openwork\opencode\opencode.json"#,
        .linux: "/home/ana/.config/Openwork/opencode/opencode.json",
    ]

    static func rendered(_ example: GuideExample) -> RenderedConfig {
        render(example.spec, keyring: { name in
            #expect(name == "company-gateway")
            return .value(GuideExample.gatewaySecret)
        })
    }

    @Test(arguments: GuideExample.allCases, Platform.allCases)
    func golden(_ example: GuideExample, on platform: Platform) throws {
        let locations = Locations(platform: platform, environment: Environment(Self.environments[platform]!), currentDirectory: "/")
        #expect(try locations.files(of: .named(.openwork)).map(\.path) == [Self.openworkPaths[platform]])

        let result = try merge(existingText: nil, desired: Self.rendered(example), ownership: .none)
        #expect(result.text == example.golden)
        #expect(result.changed)
        #expect(result.changes.first == .createdFile)
        #expect(result.warnings.isEmpty)
    }

    @Test(arguments: GuideExample.allCases)
    func outputIsStrictJSONThatOpenCodeAccepts(_ example: GuideExample) throws {
        let text = try merge(existingText: nil, desired: Self.rendered(example), ownership: .none).text
        let value = try JSONParser.value(text)
        try OpenCodeShape.check(value)
        #expect(value["model"]?.stringValue == example.spec.model?.description)
    }

    @Test(arguments: GuideExample.allCases)
    func mergingAgainChangesNothing(_ example: GuideExample) throws {
        let first = try merge(existingText: nil, desired: Self.rendered(example), ownership: .none)
        let second = try merge(existingText: first.text, desired: Self.rendered(example), ownership: first.ownership)
        #expect(second.text == first.text)
        #expect(!second.changed)
        #expect(second.changes.isEmpty)
        #expect(second.ownership == first.ownership)
        #expect(drift(existingText: first.text, ownership: first.ownership).isEmpty)
    }

    @Test func allFourInOneFile() throws {
        let spec = Spec(providers: GuideExample.allCases.flatMap(\.spec.providers),
                        model: ModelReference(parsing: "company-gateway/gpt-4-company"),
                        smallModel: ModelReference(parsing: "vllm-local/meta-llama/Llama-2-7b-chat-hf"))
        let desired = render(spec, keyring: { _ in .value(GuideExample.gatewaySecret) })
        let result = try merge(existingText: nil, desired: desired, ownership: .none)
        let value = try JSONParser.value(result.text)
        try OpenCodeShape.check(value)
        #expect(value["provider"]?.objectValue?.keys == ["vllm-local", "tgi", "company-gateway", "localai"])
        #expect(value["small_model"] == "vllm-local/meta-llama/Llama-2-7b-chat-hf")
        #expect(result.text.hasSuffix("\"small_model\": \"vllm-local/meta-llama/Llama-2-7b-chat-hf\"\n}\n"))
    }
}

/// The keys OpenCode's config schema allows where this tool writes (it rejects unknown ones).
enum OpenCodeShape {
    struct Unknown: Error, CustomStringConvertible {
        var description: String
    }

    static let topLevel: Set<String> = ["$schema", "provider", "model", "small_model", "enabled_providers", "disabled_providers"]
    static let provider: Set<String> = ["api", "name", "env", "id", "npm", "whitelist", "blacklist", "options", "models"]
    static let options: Set<String> = ["apiKey", "baseURL", "enterpriseUrl", "setCacheKey", "timeout", "chunkTimeout", "headers"]
    static let model: Set<String> = ["id", "name", "family", "release_date", "attachment", "reasoning", "temperature", "tool_call",
                                     "interleaved", "cost", "limit", "modalities", "experimental", "status", "provider",
                                     "options", "headers", "variants"]

    static func check(_ value: JSONValue) throws {
        try keys(value, allowed: topLevel, at: "")
        for (id, provider) in value["provider"]?.objectValue ?? JSONObject() {
            try keys(provider, allowed: Self.provider, at: "/provider/\(id)")
            guard provider["npm"] == "@ai-sdk/openai-compatible" else { throw Unknown(description: "npm of \(id)") }
            guard provider["options"]?["baseURL"]?.stringValue != nil else { throw Unknown(description: "baseURL of \(id)") }
            try keys(provider["options"] ?? [:], allowed: options, at: "/provider/\(id)/options")
            guard let models = provider["models"]?.objectValue, !models.isEmpty else { throw Unknown(description: "no models in \(id)") }
            for (modelID, model) in models {
                try keys(model, allowed: Self.model, at: "/provider/\(id)/models/\(modelID)")
                if let limit = model["limit"] {
                    try keys(limit, allowed: ["context", "input", "output"], at: "limit")
                    guard limit["context"]?.intValue != nil, limit["output"]?.intValue != nil else { throw Unknown(description: "limit") }
                }
            }
        }
    }

    static func keys(_ value: JSONValue, allowed: Set<String>, at pointer: String) throws {
        guard let object = value.objectValue else { throw Unknown(description: "\(pointer) is not an object") }
        for key in object.keys where !allowed.contains(key) { throw Unknown(description: "\(pointer)/\(key) is not an OpenCode field") }
    }
}
