/// The points in which OpenCode's config loader changed between releases, each either as it
/// was (`legacy`) or as it is (`current`). Which one a release has is known for some releases
/// and not for others (README, "Where OpenCode and the app read providers"); `explain` works
/// out every combination the version leaves open and reports where the outcomes differ.
public struct LoaderRules: Sendable, Hashable {
    public enum Rule: String, Sendable, CaseIterable, Hashable {
        /// OPENCODE_CONFIG_DIR and `.opencode` folders: legacy loads `opencode.jsonc` then
        /// `opencode.json` (json wins); current the other way round (jsonc wins).
        case folderFileOrder
        /// Project files: legacy merges every `opencode.jsonc` up the tree, then every
        /// `opencode.json` (root first within each name); current goes folder by folder, root
        /// first, `opencode.json` then `opencode.jsonc` within a folder.
        case projectFileOrder
        /// OPENCODE_CONFIG_CONTENT: legacy merges it before the config folders, current after
        /// them (OpenCode PR #11670).
        case contentAfterFolders
        /// The managed folder (`/etc/opencode`...): legacy has none, current reads it last.
        case managedFolder
    }

    /// Whether each rule is as it is today; a rule not listed is legacy.
    public var current: Set<Rule>

    public init(current: Set<Rule>) {
        self.current = current
    }

    public static let legacy = LoaderRules(current: [])
    public static let latest = LoaderRules(current: Set(Rule.allCases))

    public func isCurrent(_ rule: Rule) -> Bool { current.contains(rule) }

    func with(_ rule: Rule, current isCurrent: Bool) -> LoaderRules {
        var copy = self
        if isCurrent { copy.current.insert(rule) } else { copy.current.remove(rule) }
        return copy
    }
}

extension LoaderRules.Rule {
    /// Releases before `legacyBefore` surely have the old behaviour, releases from
    /// `currentFrom` on surely the new one; those between may have either. Bounds come from
    /// dated sources (OpenCode's code at dated commits, issues quoting it, release dates):
    /// see the README's table.
    var history: (legacyBefore: OpenCodeVersion, currentFrom: OpenCodeVersion) {
        switch self {
        // jsonc first at 2026-03-24 (issue #18953 quotes dev); json first by 2026-04-07
        // (issue #21307, on 1.3.7). 1.3.0 was out by 2026-03-23.
        case .folderFileOrder: (OpenCodeVersion(1, 3, 0), OpenCodeVersion(1, 3, 8))
        // Per name on 2026-04-07 (issue #21307: findUp of one name, root first); per folder
        // in 1.15.12. 1.4.0 came out between 2026-04-06 and 04-09.
        case .projectFileOrder: (OpenCodeVersion(1, 4, 0), OpenCodeVersion(1, 15, 12))
        // PR #11670 merged 2026-02-01; 1.1.46 was out on 2026-01-30, 1.2.0 on 2026-02-14.
        case .contentAfterFolders: (OpenCodeVersion(1, 1, 47), OpenCodeVersion(1, 2, 0))
        // None at a January 2026 commit (002d982); there by 2026-03-25 (issue #19158).
        // No release is known to lack it for sure.
        case .managedFolder: (OpenCodeVersion(0, 0, 0), OpenCodeVersion(1, 3, 0))
        }
    }

    /// The rule as a release has it: true (current), false (legacy) or nil (either).
    func isCurrent(in version: OpenCodeVersion?) -> Bool? {
        guard let version else { return nil }
        if version < history.legacyBefore { return false }
        if version >= history.currentFrom { return true }
        return nil
    }

    /// What a reader is told an outcome assumes.
    func assumption(current: Bool) -> String {
        switch (self, current) {
        case (.folderFileOrder, false): "OPENCODE_CONFIG_DIR and .opencode folders load opencode.jsonc, then opencode.json (OpenCode before 1.3.0)"
        case (.folderFileOrder, true): "OPENCODE_CONFIG_DIR and .opencode folders load opencode.json, then opencode.jsonc (OpenCode 1.3.8 and later)"
        case (.projectFileOrder, false): "project files load every opencode.jsonc, then every opencode.json (OpenCode before 1.4.0)"
        case (.projectFileOrder, true): "project files load folder by folder, opencode.json then opencode.jsonc (OpenCode 1.15.12 and later)"
        case (.contentAfterFolders, false): "OPENCODE_CONFIG_CONTENT loads before the config folders (OpenCode before 1.1.47)"
        case (.contentAfterFolders, true): "OPENCODE_CONFIG_CONTENT loads after the config folders (OpenCode 1.2.0 and later)"
        case (.managedFolder, false): "no managed folder (early 2026 OpenCode)"
        case (.managedFolder, true): "the managed folder loads last (OpenCode 1.3.0 and later)"
        }
    }
}

extension LoaderRules {
    /// Every set of rules a release of `version` (nil: unknown) may have, over the rules in
    /// `open` (those that could change something here); the rest as the version has them, or
    /// as today's loader has them when the version leaves them open.
    static func possibilities(for version: OpenCodeVersion?, open: Set<Rule>) -> [LoaderRules] {
        var base = LoaderRules.latest
        var undecided: [Rule] = []
        for rule in Rule.allCases {
            if let known = rule.isCurrent(in: version) {
                base = base.with(rule, current: known)
            } else if open.contains(rule) {
                undecided.append(rule)
            }
        }
        var all = [base]
        for rule in undecided {
            // Legacy first: outcomes read from the older loader to the newer.
            all = all.flatMap { [$0.with(rule, current: false), $0.with(rule, current: true)] }
        }
        return all
    }
}
