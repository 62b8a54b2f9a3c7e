import JSONCore
import OpenCodeConfig
import ProviderSpec
import Testing

@Suite("render")
struct RenderTests {
    static func provider(apiKey: SecretReference? = nil, headers: [Header] = [], timeout: Int? = nil,
                         models: [Model] = [Model(id: "m")]) -> Spec {
        Spec(providers: [Provider(id: "p", name: "P", url: "http://h:1", apiKey: apiKey, headers: headers, timeout: timeout, models: models)])
    }

    static func noKeychain(_ name: String) throws -> KeyringKey {
        Issue.record("the keychain was asked for \(name)")
        return .value("")
    }

    @Test func keysInAFixedOrder() throws {
        let spec = Self.provider(apiKey: .env("P_KEY"), headers: [Header(name: "X-Team", value: "platform"), Header(name: "A", value: "b")],
                                 timeout: 60000,
                                 models: [Model(id: "m", name: "M", limit: .init(context: 8192, output: 2048), toolCall: true,
                                                reasoning: false, attachment: true)])
        let rendered = try render(spec, keyring: Self.noKeychain)
        #expect(JSONWriter.compact(rendered.document) == #"""
            {"$schema":"https://opencode.ai/config.json","provider":{"p":{"npm":"@ai-sdk/openai-compatible","name":"P",\#
            "options":{"baseURL":"http://h:1/v1","apiKey":"{env:P_KEY}","headers":{"X-Team":"platform","A":"b"},"timeout":60000},\#
            "models":{"m":{"name":"M","limit":{"context":8192,"output":2048},"tool_call":true,"reasoning":false,"attachment":true}}}}}
            """#)
    }

    @Test func envAndFileReferencesAreLeftToOpenCode() throws {
        let env = try render(Self.provider(apiKey: .env("VLLM_KEY")), keyring: Self.noKeychain)
        #expect(env.providers["p"]?["options"]?["apiKey"] == "{env:VLLM_KEY}")
        let file = try render(Self.provider(apiKey: .file("~/.secrets/p.key")), keyring: Self.noKeychain)
        #expect(file.providers["p"]?["options"]?["apiKey"] == "{file:~/.secrets/p.key}")
    }

    @Test func keychainKeysComeFromTheCaller() throws {
        let spec = Self.provider(apiKey: .keyring("team-key"))
        let inline = render(spec, keyring: { _ in .value("sk-123") })
        #expect(inline.providers["p"]?["options"]?["apiKey"] == "sk-123")
        let viaFile = render(spec, keyring: { _ in .file(path: "/home/ana/.local/state/provider-sync/keys/team-key") })
        #expect(viaFile.providers["p"]?["options"]?["apiKey"] == "{file:/home/ana/.local/state/provider-sync/keys/team-key}")
        #expect(renderMasked(spec).providers["p"]?["options"]?["apiKey"] == "********")
    }

    struct Missing: Error {}

    @Test func aMissingKeychainItemStopsTheRender() {
        #expect(throws: Missing.self) {
            try render(Self.provider(apiKey: .keyring("absent")), keyring: { _ in throw Missing() })
        }
    }

    @Test func noAPIKeyNoHeadersNoTimeout() throws {
        let rendered = try render(Self.provider(), keyring: Self.noKeychain)
        #expect(rendered.providers["p"]?["options"] == ["baseURL": "http://h:1/v1"])
        #expect(rendered.providers["p"]?["models"] == ["m": [:]])
        #expect(rendered.model == nil)
        #expect(rendered.document.objectValue?.keys == ["$schema", "provider"])
    }
}
