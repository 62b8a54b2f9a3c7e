internal import JSONCore
public import ProviderSpec

/// The npm package OpenCode loads for any OpenAI-compatible server.
public let openAICompatibleNPM = "@ai-sdk/openai-compatible"

/// Spec -> the desired opencode.json content. Only fields OpenCode's schema knows are written
/// (it rejects unknown keys), in a fixed order so that output is stable across runs.
///
/// `keyring` turns a keychain reference into what goes in `options.apiKey`; it is called once
/// per provider that has one, and its error (a missing item) stops the render.
public func render(_ spec: Spec, keyring: (_ name: String) throws -> KeyringKey) rethrows -> RenderedConfig {
    var providers = JSONObject()
    for provider in spec.providers {
        providers.append(provider.id, try renderProvider(provider, keyring: keyring))
    }
    return RenderedConfig(providers: providers, model: spec.model?.description, smallModel: spec.smallModel?.description)
}

/// The render shown by `provider-sync render` and `diff`: keychain keys replaced by a mask.
public func renderMasked(_ spec: Spec) -> RenderedConfig {
    render(spec, keyring: { _ in .masked })
}

func renderProvider(_ provider: Provider, keyring: (String) throws -> KeyringKey) rethrows -> JSONValue {
    var options = JSONObject()
    options.append("baseURL", .string(baseURL(for: provider)))
    if let reference = provider.apiKey, let text = try apiKeyText(reference, keyring: keyring) {
        options.append("apiKey", .string(text))
    }
    if !provider.headers.isEmpty {
        options.append("headers", .object(JSONObject(provider.headers.map { ($0.name, JSONValue.string($0.value)) })))
    }
    if !provider.queryParams.isEmpty {
        // @ai-sdk/openai-compatible's provider setting; OpenCode hands `options` to its factory.
        options.append("queryParams", .object(JSONObject(provider.queryParams.map { ($0.name, JSONValue.string($0.value)) })))
    }
    if let timeout = provider.timeout {
        options.append("timeout", .number(Double(timeout)))
    }

    var models = JSONObject()
    for model in provider.models {
        models.append(model.id, renderModel(model))
    }

    var value = JSONObject()
    value.append("npm", .string(openAICompatibleNPM))
    value.append("name", .string(provider.name))
    value.append("options", .object(options))
    value.append("models", .object(models))
    return .object(value)
}

func renderModel(_ model: Model) -> JSONValue {
    var value = JSONObject()
    if let name = model.name { value.append("name", .string(name)) }
    if let limit = model.limit {
        value.append("limit", ["context": .number(Double(limit.context)), "output": .number(Double(limit.output))])
    }
    if let toolCall = model.toolCall { value.append("tool_call", .bool(toolCall)) }
    if let reasoning = model.reasoning { value.append("reasoning", .bool(reasoning)) }
    if let attachment = model.attachment { value.append("attachment", .bool(attachment)) }
    return .object(value)
}
