/// The server software a provider runs; decides the default URL and API path.
///
/// The raw values are part of the spec format and must not change.
public enum Preset: String, CaseIterable, Sendable, Codable {
    case vllm, tgi, localai, ollama, lmstudio, fastchat, jan, anythingllm, llamacpp, litellm
    case openaiCompatible = "openai-compatible"
}

/// Whether the server expects a bearer token on its OpenAI-compatible routes.
///
/// - `required`: every request must carry a key (the server refuses otherwise).
/// - `optional`: the server checks a key only when its operator turned auth on.
/// - `none`: the server never checks one (clients may still have to send a placeholder).
public enum KeyRequirement: String, Sendable { case required, optional, none }

/// Facts about one kind of server, taken from that server's own documentation.
public struct PresetInfo: Sendable {
    /// Human name of the server software.
    public var displayName: String
    /// Scheme, host and default port of a locally run server, with no path.
    public var defaultURL: String
    /// Path under the server root where the OpenAI-compatible API lives; appended to a bare root URL.
    public var apiPath: String
    /// What goes in the request's `model` field, in words for the README and hints.
    public var modelIDConvention: String
    /// One model id of the conventional shape.
    public var exampleModelID: String
    /// Whether a key is needed.
    public var key: KeyRequirement
    /// Where the facts come from.
    public var docs: String
}

extension Preset {
    /// The documented defaults for this server software.
    public var info: PresetInfo {
        switch self {
        case .vllm:
            // Source: docs.vllm.ai "OpenAI-Compatible Server" and `vllm serve` CLI reference
            // (--port default 8000, --api-key / VLLM_API_KEY, --served-model-name).
            return PresetInfo(
                displayName: "vLLM",
                defaultURL: "http://localhost:8000",
                apiPath: "/v1",
                modelIDConvention: "The model argument given to `vllm serve` (a Hugging Face repo id or a local path), "
                    + "or the name set with `--served-model-name`; GET /v1/models lists it.",
                exampleModelID: "NousResearch/Meta-Llama-3-8B-Instruct",
                key: .optional,
                docs: "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html ; "
                    + "https://docs.vllm.ai/en/latest/cli/serve.html"
            )

        case .tgi:
            // Source: huggingface.co/docs/text-generation-inference quicktour (docker -p 8080:80),
            // messages_api and basic_tutorials/consuming_tgi (model "tgi"), launcher (--port default 3000).
            return PresetInfo(
                displayName: "Text Generation Inference",
                defaultURL: "http://localhost:8080",
                apiPath: "/v1",
                modelIDConvention: "TGI serves one model per instance; the Messages API docs send the fixed id `tgi`.",
                exampleModelID: "tgi",
                key: .optional,
                docs: "https://huggingface.co/docs/text-generation-inference/quicktour ; "
                    + "https://huggingface.co/docs/text-generation-inference/messages_api ; "
                    + "https://huggingface.co/docs/text-generation-inference/basic_tutorials/launcher"
            )

        case .localai:
            // Source: localai.io Quickstart / "Try it out" (API at http://localhost:8080),
            // "Model Configuration" (`name` field), "Authentication & Authorization" (LOCALAI_API_KEY).
            return PresetInfo(
                displayName: "LocalAI",
                defaultURL: "http://localhost:8080",
                apiPath: "/v1",
                modelIDConvention: "The `name` of the model's YAML config, which for gallery installs is the gallery "
                    + "model name; GET /v1/models lists them.",
                exampleModelID: "qwen3-4b",
                key: .optional,
                docs: "https://localai.io/basics/getting_started/ ; "
                    + "https://localai.io/advanced/model-configuration/ ; "
                    + "https://localai.io/features/authentication/"
            )

        case .ollama:
            // Source: docs.ollama.com "OpenAI compatibility" (base_url http://localhost:11434/v1/,
            // api_key "required but ignored") and "Authentication" (local API needs none).
            return PresetInfo(
                displayName: "Ollama",
                defaultURL: "http://localhost:11434",
                apiPath: "/v1",
                modelIDConvention: "The model name as pulled, `name:tag`; the tag defaults to `latest` "
                    + "(`ollama list` shows them).",
                exampleModelID: "llama3.2:latest",
                key: .none,
                docs: "https://docs.ollama.com/api/openai-compatibility ; "
                    + "https://docs.ollama.com/api/authentication"
            )

        case .lmstudio:
            // Source: lmstudio.ai/docs/developer/openai-compat (base URL http://localhost:1234/v1,
            // "use the model identifier from LM Studio") and /docs/developer/core/authentication
            // (off by default; "Require Authentication" toggle, LM Studio 0.4.0+).
            return PresetInfo(
                displayName: "LM Studio",
                defaultURL: "http://localhost:1234",
                apiPath: "/v1",
                modelIDConvention: "The LM Studio model key (identifier), usually `publisher/model`; "
                    + "GET /v1/models or `lms ls` lists them.",
                exampleModelID: "openai/gpt-oss-20b",
                key: .optional,
                docs: "https://lmstudio.ai/docs/developer/openai-compat ; "
                    + "https://lmstudio.ai/docs/developer/core/authentication"
            )

        case .fastchat:
            // Source: FastChat docs/openai_api.md (`fastchat.serve.openai_api_server --host localhost --port 8000`,
            // base http://localhost:8000/v1, optional --api-keys) and openai_api_server.py (--port default 8000).
            return PresetInfo(
                displayName: "FastChat",
                defaultURL: "http://localhost:8000",
                apiPath: "/v1",
                modelIDConvention: "The name the model worker registered: the last component of `--model-path` "
                    + "unless `--model-names` sets others.",
                exampleModelID: "vicuna-7b-v1.5",
                key: .optional,
                docs: "https://github.com/lm-sys/FastChat/blob/main/docs/openai_api.md"
            )

        case .jan:
            // Source: jan.ai/docs/local-api "Local API Server" (127.0.0.1:1337, API prefix /v1,
            // an API key must be entered before the server starts). Older 0.4/0.5 releases also used
            // port 1337 but did not ask for a key.
            return PresetInfo(
                displayName: "Jan",
                defaultURL: "http://127.0.0.1:1337",
                apiPath: "/v1",
                modelIDConvention: "The id of a model available in Jan, as GET /v1/models lists it.",
                exampleModelID: "llama3-8b-instruct",
                key: .required,
                docs: "https://jan.ai/docs/local-api"
            )

        case .anythingllm:
            // Source: AnythingLLM developer API (Swagger at /api/docs; server/endpoints/api/openai routes
            // /v1/openai/* under the /api prefix) and docker docs (port 3001). Every developer-API route
            // validates an API key generated in Settings > API Keys.
            return PresetInfo(
                displayName: "AnythingLLM",
                defaultURL: "http://localhost:3001",
                apiPath: "/api/v1/openai",
                modelIDConvention: "A workspace slug; GET /api/v1/openai/models lists the workspaces as models.",
                exampleModelID: "my-workspace",
                key: .required,
                docs: "https://docs.anythingllm.com/ (Developer API, /api/docs on a running instance) ; "
                    + "https://github.com/Mintplex-Labs/anything-llm/blob/master/server/endpoints/api/openai/index.js"
            )

        case .llamacpp:
            // Source: llama.cpp tools/server README (listens on 127.0.0.1:8080 by default,
            // /v1/chat/completions, --alias, --api-key).
            return PresetInfo(
                displayName: "llama.cpp (llama-server)",
                defaultURL: "http://localhost:8080",
                apiPath: "/v1",
                modelIDConvention: "The name given with `--alias`, else the loaded model's file name; a server "
                    + "with a single model answers whatever id is sent.",
                exampleModelID: "qwen2.5-coder-7b",
                key: .optional,
                docs: "https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md"
            )

        case .litellm:
            // Source: docs.litellm.ai proxy quick start / docker quick start (proxy on port 4000,
            // `model_name` from config.yaml model_list, master_key / virtual keys as Bearer tokens).
            return PresetInfo(
                displayName: "LiteLLM Proxy",
                defaultURL: "http://localhost:4000",
                apiPath: "/v1",
                modelIDConvention: "A `model_name` from the proxy's config.yaml `model_list` "
                    + "(or a model added in the admin UI).",
                exampleModelID: "gpt-4o",
                key: .optional,
                docs: "https://docs.litellm.ai/docs/proxy/docker_quick_start ; "
                    + "https://docs.litellm.ai/docs/proxy/virtual_keys"
            )

        case .openaiCompatible:
            // No single source: any server speaking the OpenAI API. The URL is a placeholder
            // (port 8000 is common, not documented for "generic"), and the path is the usual /v1.
            return PresetInfo(
                displayName: "OpenAI-compatible server",
                defaultURL: "http://localhost:8000",
                apiPath: "/v1",
                modelIDConvention: "Whatever the server lists at GET /v1/models.",
                exampleModelID: "my-model",
                key: .optional,
                docs: "https://platform.openai.com/docs/api-reference (the API shape only)"
            )
        }
    }
}
