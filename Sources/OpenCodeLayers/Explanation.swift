public import Workstation

/// What OpenCode will see in one situation, for the providers asked about: the layers in
/// order, the verdict per provider, the `model`; and, where the OpenCode version leaves the
/// loader's order open, one outcome per order that makes a difference.
public struct Explanation: Sendable {
    /// One way the layers can be merged, and what comes of it.
    public struct Outcome: Sendable, Equatable {
        /// What this outcome assumes of the loader (empty when the version decides it all).
        public var assumptions: [String]
        public var layers: [Layer]
        public var providers: [ProviderVerdict]
        public var model: ModelSetting?
    }

    public var situation: Situation
    /// The target's files, where provider-sync writes.
    public var ownFiles: [String]
    public var version: VersionFinding
    public var auth: AuthEntries
    /// At least one.
    public var outcomes: [Outcome]
    /// The points of the loader's order the version leaves open and the files here make
    /// matter (each was worked out both ways; the outcomes may still agree).
    public var undecided: [LoaderRules.Rule]

    /// Per provider, over every outcome: usable when usable in all, else the first outcome's
    /// reason that is not.
    public var providers: [ProviderVerdict] {
        guard let first = outcomes.first else { return [] }
        return first.providers.indices.map { i in
            outcomes.map { $0.providers[i] }.first { !$0.usable } ?? first.providers[i]
        }
    }

    /// Every provider usable in every outcome.
    public var usable: Bool { outcomes.allSatisfy { $0.providers.allSatisfy(\.usable) } }

    /// Works it out. `providerIDs`: the spec's (or the ids provider-sync owns in the target).
    public static func explain(providerIDs: [String], ownFiles: [String], situation: Situation,
                               version: VersionFinding) throws(LocationError) -> Explanation {
        let auth = AuthEntries.read(situation)
        let discovery = try LayerDiscovery(situation, remote: auth.wellKnownURLs)
        var loaded: [LayerSource: Layer] = [:]
        var evaluated: [(rules: LoaderRules, outcome: Outcome)] = []
        let open = discovery.rulesThatMatter.filter { $0.isCurrent(in: version.version) == nil }
        let possibilities = LoaderRules.possibilities(for: version.version, open: open)
        for rules in possibilities {
            let layers = discovery.sources(under: rules).map { source in
                if let layer = loaded[source] { return layer }
                let layer = Layer.load(source, in: situation)
                loaded[source] = layer
                return layer
            }
            let evaluator = OutcomeEvaluator(layers: layers, ownFiles: Set(ownFiles), auth: auth, environment: situation.environment)
            let providers = providerIDs.map(evaluator.verdict)
            let usable = Dictionary(providers.map { ($0.id, $0.usable) }, uniquingKeysWith: { a, _ in a })
            evaluated.append((rules, Outcome(assumptions: [], layers: layers, providers: providers, model: evaluator.model(usable: usable))))
        }
        return Explanation(situation: situation, ownFiles: ownFiles, version: version, auth: auth,
                           outcomes: grouped(evaluated, open: open), undecided: LoaderRules.Rule.allCases.filter(open.contains))
    }

    /// Outcomes with the same verdicts and model told once, each with the assumptions all of its
    /// orders share (a rule whose two forms lead to the same place is not mentioned).
    static func grouped(_ evaluated: [(rules: LoaderRules, outcome: Outcome)], open: Set<LoaderRules.Rule>) -> [Outcome] {
        var groups: [(outcome: Outcome, rules: [LoaderRules])] = []
        for (rules, outcome) in evaluated {
            if let i = groups.firstIndex(where: { $0.outcome.providers == outcome.providers && $0.outcome.model == outcome.model }) {
                groups[i].rules.append(rules)
            } else {
                groups.append((outcome, [rules]))
            }
        }
        guard groups.count > 1 else { return groups.map(\.outcome) }
        return groups.map { group in
            var outcome = group.outcome
            outcome.assumptions = LoaderRules.Rule.allCases.filter(open.contains).compactMap { rule in
                let values = Set(group.rules.map { $0.isCurrent(rule) })
                return values.count == 1 ? rule.assumption(current: values.first!) : nil
            }
            return outcome
        }
    }
}

extension Explanation {
    /// What OpenCode sees of `target`'s providers on this workstation: the app targets as the
    /// app starts OpenCode, any other as a terminal does; `version` (the option) instead of the
    /// one `detector` finds.
    public static func explain(_ target: Target, providerIDs: [String], on workstation: Locations,
                               workingDirectory: String? = nil, version: OpenCodeVersion? = nil,
                               detector: VersionDetector) throws(LocationError) -> Explanation {
        // `app`: the first app folder it stands for (the command asks about each of them).
        let target = workstation.concreteTargets(of: target).first ?? target
        // The config files, not auth.json (not a layer) nor a file provider-sync no longer writes.
        let ownFiles = try workstation.files(of: target).filter { $0.role != .authStore && $0.role != .retired }.map(\.path)
        let situation: Situation
        if case .named(let name) = target, let app = name.appName {
            situation = try .app(app, on: workstation, workingDirectory: workingDirectory)
        } else {
            situation = try .cli(on: workstation, workingDirectory: workingDirectory)
        }
        let finding = version.map(VersionFinding.option) ?? detector.find(for: situation)
        return try explain(providerIDs: providerIDs, ownFiles: ownFiles, situation: situation, version: finding)
    }
}
