import ArgumentParser
internal import CLICommon
import FoundationEssentials
internal import ProviderSpec
internal import SystemIO

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter providers.yaml (never overwrites a file).",
        discussion: "Also writes the schema next to it with --schema-file, so editors can check the spec offline."
    )

    @Argument(help: "Where to write the spec.")
    var path = "providers.yaml"

    @Option(help: "Also write the JSON Schema to this file and point the spec's modeline at it.")
    var schemaFile: String?

    func run() throws {
        let modelineTarget = schemaFile.map { relativePath(from: path, to: $0) } ?? Starter.schemaURL
        if let schemaFile {
            try NewFile.create(schemaFile, contents: EmbeddedSchemas.providerSpec + "\n")
        }
        try NewFile.create(path, contents: Starter.spec(schema: modelineTarget))
        Terminal.stderr("wrote \(path)\(schemaFile.map { " and \($0)" } ?? ""); next: edit it, then run 'provider-sync validate \(path)'\n")
    }

    private func relativePath(from spec: String, to schema: String) -> String {
        let specFolder = URL(fileURLWithPath: spec).deletingLastPathComponent().standardizedFileURL.path
        let schemaPath = URL(fileURLWithPath: schema).standardizedFileURL.path
        if schemaPath.hasPrefix(specFolder + "/") { return String(schemaPath.dropFirst(specFolder.count + 1)) }
        return schemaPath
    }
}

enum Starter {
    static let schemaURL = "https://provider-sync.dev/schemas/provider-spec.schema.json"

    static func spec(schema: String) -> String {
        """
        # yaml-language-server: $schema=\(schema)
        # The LLM providers of this team. Check it with: provider-sync validate
        version: 1
        providers:
          vllm-local:
            name: vLLM Local
            preset: vllm                    # vllm, tgi, localai, ollama, lmstudio, fastchat, jan, anythingllm, llamacpp, litellm
            url: http://localhost:8000      # the server as you would type it; /v1 is added for a bare root
            models:
              - id: meta-llama/Llama-2-7b-chat-hf
                name: Llama 2 7B Chat
                context: 4096
                output: 1024
          # company-gateway:
          #   name: Company AI Gateway
          #   url: https://ai-api.company.com/v1
          #   apiKey: { keyring: company-gateway }   # each workstation: provider-sync secret set company-gateway
          #   models: [gpt-4-company]
        model: vllm-local/meta-llama/Llama-2-7b-chat-hf

        """
    }
}

/// Creates a file that must not exist yet (O_EXCL: no race with another writer).
enum NewFile {
    static func create(_ path: String, contents: String) throws {
        do {
            try FileSystem.createNew(path, Array(contents.utf8), mode: 0o644)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }
}
