import ProbeLaunch
import ProbeWire
import ProviderSpec
import Redaction
import Testing
import Workstation

/// The spec's providers become probe targets with keys from where each is kept.
@Suite struct ProbeTargetsTests {
    let yaml = """
        version: 1
        providers:
          gateway:
            name: Gateway
            url: https://llm.example.com/v1
            apiKey: { keyring: gateway-key }
            caFile: ~/company-ca.pem
            models: [big]
          local:
            name: Local
            preset: ollama
            url: http://localhost:11434
            apiKey: { env: LOCAL_KEY }
            headers: { X-Team: platform }
            models: [small]

        """

    func locations(_ environment: [String: String]) -> Locations {
        Locations(platform: .linux, environment: Environment(environment), currentDirectory: "/work")
    }

    func spec() throws -> Spec {
        let loaded = SpecLoader.standard.load(bytes: Array(yaml.utf8), file: "providers.yaml")
        return try #require(loaded.spec, "\(loaded.diagnostics)")
    }

    @Test func keysCAFilesAndHeadersAreResolved() throws {
        var asked: [String] = []
        let targets = try ProbeTargets.make(try spec(), locations: locations(["HOME": "/home/ana", "LOCAL_KEY": "sk-local"])) { name in
            asked.append(name)
            return "sk-pt-7f3c9a2e41d0"
        }
        #expect(asked == ["gateway-key"])
        #expect(targets.map(\.id) == ["gateway", "local"])
        #expect(targets[0].apiKey == "sk-pt-7f3c9a2e41d0")
        #expect(targets[0].caFile == "/home/ana/company-ca.pem")
        #expect(targets[1].apiKey == "sk-local")
        #expect(targets[1].baseURL == "http://localhost:11434/v1")
        #expect(targets[1].headers == [NameValue("X-Team", "platform")])
        #expect(SecretRedactor.shared.redact("key sk-local here") == "key ******** here")
    }

    @Test func aKeyThatCannotBeHadSaysWhy() throws {
        struct Locked: Error, CustomStringConvertible { var description: String { "the keyring is locked" } }
        let targets = try ProbeTargets.make(try spec(), locations: locations([:])) { _ in throw Locked() }
        #expect(targets[0].apiKey == nil)
        #expect(targets[0].missingKeyReason == "the keychain could not be read: the keyring is locked")
        #expect(targets[1].missingKeyReason == "the environment variable LOCAL_KEY is not set here (OpenCode reads it at start-up)")
    }

    @Test func unknownProviderIsAnError() throws {
        #expect(throws: ProbeTargets.Failure.self) {
            try ProbeTargets.make(try spec(), only: ["nope"], locations: locations([:])) { _ in nil }
        }
        let only = try ProbeTargets.make(try spec(), only: ["local"], locations: locations([:])) { _ in nil }
        #expect(only.map(\.id) == ["local"])
    }

    /// How provider-sync and the agent hand targets to provider-sync-probe: every field
    /// survives the trip, and a wrong message is refused with the field named.
    @Test func targetsSurviveTheWire() throws {
        var targets = try ProbeTargets.make(try spec(), locations: locations(["HOME": "/h"])) { _ in "sk-pt-0b8e6d5c4a39" }
        targets[1].queryParams = [NameValue("api-version", "2024-10-21"), NameValue("api-version", "again")]
        targets[1].missingKeyReason = "why"
        let bytes = ProbeWireFormat.encode(targets)
        #expect(try ProbeWireFormat.targets(from: bytes) == targets)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""headers":[["X-Team","platform"]]"#))
        #expect(throws: ProbeWireError.notTargets(reason: "[0].baseURL is missing")) {
            try ProbeWireFormat.targets(from: Array(#"[{"id":"x","models":[]}]"#.utf8))
        }
        #expect(throws: ProbeWireError.notTargets(reason: "[0].headers[0][1] is missing")) {
            try ProbeWireFormat.targets(from: Array(#"[{"id":"x","baseURL":"u","models":[],"headers":[["a"]]}]"#.utf8))
        }
        #expect(throws: ProbeWireError.notTargets(reason: "not JSON")) { try ProbeWireFormat.targets(from: Array("nope".utf8)) }
    }
}

extension ProbeTargetsTests {
    @Test func aFieldOfTheWrongTypeIsNamed() {
        #expect(throws: ProbeWireError.notTargets(reason: "[0].models has the wrong type")) {
            try ProbeWireFormat.targets(from: Array(#"[{"id":"x","baseURL":"u","models":"m"}]"#.utf8))
        }
    }
}
