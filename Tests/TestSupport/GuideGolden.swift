/// Expected opencode.json for each guide example (keychain key resolved to
/// `GuideExample.gatewaySecret` in OpenCodeConfigTests), byte for byte: each literal ends with an empty line, so the
/// text ends with a line break as files written by this tool do.
public enum GuideGolden {
    public static let vllmLocal = """
        {
          "$schema": "https://opencode.ai/config.json",
          "provider": {
            "vllm-local": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "vLLM Local",
              "options": {
                "baseURL": "http://localhost:8000/v1"
              },
              "models": {
                "meta-llama/Llama-2-7b-chat-hf": {
                  "name": "Llama 2 7B Chat",
                  "limit": {
                    "context": 4096,
                    "output": 1024
                  }
                }
              }
            }
          },
          "model": "vllm-local/meta-llama/Llama-2-7b-chat-hf"
        }

        """

    public static let tgi = """
        {
          "$schema": "https://opencode.ai/config.json",
          "provider": {
            "tgi": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "Text Generation Inference",
              "options": {
                "baseURL": "http://localhost:8080/v1"
              },
              "models": {
                "tgi": {
                  "name": "TGI Model"
                }
              }
            }
          },
          "model": "tgi/tgi"
        }

        """

    public static let companyGateway = """
        {
          "$schema": "https://opencode.ai/config.json",
          "provider": {
            "company-gateway": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "Company AI Gateway",
              "options": {
                "baseURL": "https://ai-api.company.com/v1",
                "apiKey": "sk-company-test-0123456789"
              },
              "models": {
                "gpt-4-company": {
                  "name": "GPT-4 (Company)",
                  "limit": {
                    "context": 128000,
                    "output": 4096
                  },
                  "tool_call": true
                }
              }
            }
          },
          "model": "company-gateway/gpt-4-company"
        }

        """

    public static let localAI = """
        {
          "$schema": "https://opencode.ai/config.json",
          "provider": {
            "localai": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "LocalAI",
              "options": {
                "baseURL": "http://localhost:8080/v1"
              },
              "models": {
                "gpt-3.5-turbo": {}
              }
            }
          },
          "model": "localai/gpt-3.5-turbo"
        }

        """
}
