internal import JSONCore

/// Provider ids that a target keeps for providers of its own (the desktop app's `custom`,
/// `ollama`...): a spec provider with one of them is an error when checked for that target
/// (`validate --target app`), at the provider's id.
public struct ReservedProviderIDs: Sendable {
    public var ids: Set<String>
    /// Who keeps them, for the message: "the desktop app (target app)".
    public var owner: String
    /// What happens to a spec provider with such an id, said after "provider 'x' ".
    public var consequence: String
    public var hint: String
    public var code: String

    public init(ids: Set<String>, owner: String, consequence: String, hint: String, code: String) {
        self.ids = ids
        self.owner = owner
        self.consequence = consequence
        self.hint = hint
        self.code = code
    }

    func findings(in root: JSONValue) -> [Finding] {
        guard let providers = root["providers"]?.objectValue else { return [] }
        return providers.keys.filter(ids.contains).map { id in
            Finding(severity: .error, pointer: JSONPointer(["providers", id]), atKey: true,
                    message: "provider id '\(id)' is one \(owner) uses for a provider of its own: \(consequence)",
                    hint: hint, code: code)
        }
    }
}
