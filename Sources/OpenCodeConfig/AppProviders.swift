/// The provider ids the desktop app (Openwork, now Accomplish) can put into its generated
/// config: its base list, what it maps connected providers to, and what its provider builders
/// add. accomplish-ai/accomplish at 20e57da (2026-04-19; the fork MaTriXy/accomplish, whose
/// history is upstream's up to then): `packages/agent-core/src/opencode/config-builder.ts`
/// (the base list), `config-generator-types.ts` (`BASE_PROVIDERS`), `config-auth-sync.ts`
/// (`OPENAI_COMPATIBLE_PROVIDER_IDS`), `packages/agent-core/src/common/types/providerSettings.ts`
/// (`PROVIDER_ID_TO_OPENCODE`), `config-providers-compat.ts` (the custom endpoint, `custom`).
public enum AppProviders {
    /// Every id the app can emit, in the order the sources list them.
    public static let emitted: [String] = [
        "anthropic", "openai", "openrouter", "google", "xai", "deepseek", "moonshot", "zai-coding-plan",
        "amazon-bedrock", "vertex", "minimax", "venice", "nebius", "together", "fireworks", "groq",
        "azure-foundry", "ollama", "litellm", "lmstudio", "nim", "custom", "github-copilot", "accomplish-ai",
    ]

    /// The spec's provider ids that are also the app's own: in the app's files they would be
    /// deep-merged into the app's provider of that id (OpenCode merges `provider` key by key).
    public static func clashes(with ids: [String]) -> [String] {
        let own = Set(emitted)
        return ids.filter(own.contains)
    }

    /// The `enabled_providers` of a file the app reads after its own: every id the app can
    /// emit, what its files list now, and the spec's, sorted so that the list changes only when
    /// one of them does.
    public static func superset(current: [String], spec: [String]) -> [String] {
        Array(Set(emitted).union(current).union(spec)).sorted()
    }
}
