import ProviderSpec
import TestSupport
import Testing

/// The four configurations of the Openwork Custom Provider guide, built in code as
/// examples/*.yaml describe them (the YAML loader is tested on its own).
enum GuideExample: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case vllmLocal = "vllm-local"
    case tgi
    case companyGateway = "company-gateway"
    case localAI = "localai"

    var testDescription: String { rawValue }

    var spec: Spec {
        switch self {
        case .vllmLocal:
            Spec(providers: [
                Provider(id: "vllm-local", name: "vLLM Local", preset: .vllm, url: "http://localhost:8000", models: [
                    Model(id: "meta-llama/Llama-2-7b-chat-hf", name: "Llama 2 7B Chat", limit: .init(context: 4096, output: 1024)),
                ]),
            ], model: ModelReference(parsing: "vllm-local/meta-llama/Llama-2-7b-chat-hf"))
        case .tgi:
            Spec(providers: [
                Provider(id: "tgi", name: "Text Generation Inference", preset: .tgi, url: "http://localhost:8080", models: [
                    Model(id: "tgi", name: "TGI Model"),
                ]),
            ], model: ModelReference(parsing: "tgi/tgi"))
        case .companyGateway:
            Spec(providers: [
                Provider(id: "company-gateway", name: "Company AI Gateway", preset: .openaiCompatible,
                         url: "https://ai-api.company.com/v1", apiKey: .keyring("company-gateway"), models: [
                    Model(id: "gpt-4-company", name: "GPT-4 (Company)", limit: .init(context: 128000, output: 4096), toolCall: true),
                ]),
            ], model: ModelReference(parsing: "company-gateway/gpt-4-company"))
        case .localAI:
            Spec(providers: [
                Provider(id: "localai", name: "LocalAI", preset: .localai, url: "http://localhost:8080/v1", models: [
                    Model(id: "gpt-3.5-turbo"),
                ]),
            ], model: ModelReference(parsing: "localai/gpt-3.5-turbo"))
        }
    }

    /// The keychain item of the gateway example, as a test keychain would hand it out.
    static let gatewaySecret = "sk-company-test-0123456789"

    /// opencode.json as written into an empty place: what the guide tells users to write by hand.
    var golden: String {
        switch self {
        case .vllmLocal: GuideGolden.vllmLocal
        case .tgi: GuideGolden.tgi
        case .companyGateway: GuideGolden.companyGateway
        case .localAI: GuideGolden.localAI
        }
    }
}
