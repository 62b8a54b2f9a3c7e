import Foundation
import JSONCore
import Workstation
@testable import Probe
import ProbeTargets
import ProviderSpec
import Testing

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
        #expect(targets[1].headers.map { "\($0.0)=\($0.1)" } == ["X-Team=platform"])
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

    /// How the agent hands targets to provider-sync-probe: every field survives the trip.
    @Test func targetsSurviveTheirJSONForm() throws {
        let targets = try ProbeTargets.make(try spec(), locations: locations(["HOME": "/h"])) { _ in "sk-pt-0b8e6d5c4a39" }
        let back = try JSONParser.value(JSONWriter.compact(.array(targets.map(\.json)))).arrayValue?.compactMap(ProbeTarget.init(json:)) ?? []
        #expect(back.count == 2)
        for (a, b) in zip(targets, back) {
            #expect(a.id == b.id && a.baseURL == b.baseURL && a.apiKey == b.apiKey && a.missingKeyReason == b.missingKeyReason)
            #expect(a.models == b.models && a.caFile == b.caFile)
            #expect(a.headers.map { "\($0.0)=\($0.1)" } == b.headers.map { "\($0.0)=\($0.1)" })
        }
        #expect(ProbeTarget(json: .object(JSONObject([("id", "x")]))) == nil)
    }
}
