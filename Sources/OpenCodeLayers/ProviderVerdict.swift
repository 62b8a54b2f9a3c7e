/// What OpenCode makes of one provider: usable, or why not and which file decided.
public struct ProviderVerdict: Sendable, Equatable {
    /// Why, as a word scripts switch on (the README's `explain` contract; reasons are added,
    /// never renamed).
    public enum Reason: String, Sendable, CaseIterable {
        /// It survives the merge and the filters as the target's file defines it.
        case usable
        /// No file OpenCode reads defines it.
        case notDefined
        /// The final `enabled_providers` does not list it; the deciding file is the last one
        /// that sets `enabled_providers` (a later layer's list replaces an earlier one's).
        case notEnabled
        /// The final `disabled_providers` lists it (it wins over `enabled_providers`).
        case disabled
        /// A later file sets its `options.baseURL`, `options.apiKey` or one of its models to
        /// something else.
        case overridden
        /// Its `options.apiKey` is `{env:VAR}` with VAR unset: OpenCode puts "" there, and
        /// then never uses the key auth.json holds for it.
        case keyBlocked
        /// A file OpenCode fails on: it does not parse, a `{file:}` names a missing file, a
        /// key has a type OpenCode refuses.
        case configError
    }

    public var id: String
    public var reason: Reason
    /// The file (or OPENCODE_CONFIG_CONTENT) that decided; nil when usable or defined nowhere.
    public var decidingFile: String?
    /// One line for people.
    public var detail: String
    /// The layers that define `provider.<id>`, in load order.
    public var definedIn: [String]
    /// What does not stop it but may surprise: a key variable that is not set, a definition
    /// only in another file.
    public var notes: [String]

    public var usable: Bool { reason == .usable }

    public init(id: String, reason: Reason, decidingFile: String? = nil, detail: String, definedIn: [String] = [], notes: [String] = []) {
        self.id = id
        self.reason = reason
        self.decidingFile = decidingFile
        self.detail = detail
        self.definedIn = definedIn
        self.notes = notes
    }
}

/// The `model` OpenCode ends up with, and the file that set it.
public struct ModelSetting: Sendable, Equatable {
    public var value: String
    public var file: String
    /// Its provider is usable here (nil: not one of the providers asked about).
    public var providerUsable: Bool?

    public init(value: String, file: String, providerUsable: Bool?) {
        self.value = value
        self.file = file
        self.providerUsable = providerUsable
    }
}
