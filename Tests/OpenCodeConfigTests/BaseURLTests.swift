import OpenCodeConfig
import ProviderSpec
import Testing

@Suite("baseURL")
struct BaseURLTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var preset: Preset?
        var expected: String
        var testDescription: String { "\(url) (\(preset?.rawValue ?? "no preset"))" }
    }

    static let cases: [Case] = [
        Case(url: "http://localhost:8000", preset: .vllm, expected: "http://localhost:8000/v1"),
        Case(url: "http://localhost:8000/", preset: .vllm, expected: "http://localhost:8000/v1"),
        Case(url: "http://localhost:8080/v1", preset: .localai, expected: "http://localhost:8080/v1"),
        Case(url: "http://localhost:8080/v1/", preset: .localai, expected: "http://localhost:8080/v1"),
        Case(url: "http://localhost:8080/v1//", preset: .tgi, expected: "http://localhost:8080/v1"),
        Case(url: "http://localhost:8080", preset: .tgi, expected: "http://localhost:8080/v1"),
        Case(url: "http://localhost:3001", preset: .anythingllm, expected: "http://localhost:3001/api/v1/openai"),
        Case(url: "http://localhost:3001/api/v1/openai", preset: .anythingllm, expected: "http://localhost:3001/api/v1/openai"),
        Case(url: "https://ai-api.company.com/v1", preset: nil, expected: "https://ai-api.company.com/v1"),
        Case(url: "https://ai-api.company.com", preset: nil, expected: "https://ai-api.company.com/v1"),
        Case(url: "https://gw.example.com/openai/deployments/x", preset: nil, expected: "https://gw.example.com/openai/deployments/x"),
        Case(url: "https://gw.example.com/v1?api-version=2024-06-01", preset: nil, expected: "https://gw.example.com/v1?api-version=2024-06-01"),
        Case(url: "https://gw.example.com/v1/?api-version=2024-06-01", preset: nil, expected: "https://gw.example.com/v1?api-version=2024-06-01"),
        Case(url: "https://gw.example.com?tenant=a", preset: nil, expected: "https://gw.example.com/v1?tenant=a"),
        Case(url: "http://[::1]:8000", preset: .vllm, expected: "http://[::1]:8000/v1"),
        Case(url: "  http://localhost:1234  ", preset: .lmstudio, expected: "http://localhost:1234/v1"),
    ]

    @Test(arguments: cases)
    func baseURLOf(_ c: Case) {
        let provider = Provider(id: "p", name: "P", preset: c.preset, url: c.url, models: [Model(id: "m")])
        #expect(baseURL(for: provider) == c.expected)
    }

    @Test func neverDoublesThePath() {
        for preset in Preset.allCases {
            let root = preset.info.defaultURL
            let once = baseURL(fromServerURL: root, preset: preset)
            #expect(baseURL(fromServerURL: once, preset: preset) == once)
            #expect(!once.contains("/v1/v1"))
        }
    }
}
