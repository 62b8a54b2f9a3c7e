internal import JSONCore

/// Puts the desired providers and models into the opencode.json on disk, touching only what
/// this tool owns and editing the text in place so that the user's other settings, comments
/// and formatting stay byte for byte. Merging a result with the same desired state again gives
/// the same bytes, so `changed == false` means "up to date".
///
/// - Parameters:
///   - existing: the file's bytes, or nil (or blank) when there is no file yet.
///   - ownership: what the previous merge into this file returned.
/// - Throws: `MergeError`; then nothing must be written.
public func merge(existing: [UInt8]?, desired: RenderedConfig, ownership: Ownership,
                  options: MergeOptions = MergeOptions()) throws(MergeError) -> MergeResult {
    guard let existing, !existing.allSatisfy(isBlank) else {
        return newFile(desired)
    }
    var merger = try Merger(bytes: existing, desired: desired, ownership: ownership, options: options)
    try merger.mergeProviders()
    try merger.mergeModelKeys()
    if options.addSchema { merger.mergeSchema() }
    if desired.enabledProviders != nil || ownership.keys[Merger.enabledKey] != nil {
        try merger.mergeOwnedEnabledProviders()
    } else {
        try merger.mergeEnabledProviders()
    }
    merger.warnAboutDisabledProviders()
    return try merger.finish()
}

/// `merge` of a text (tests, callers that hold one).
public func merge(existingText: String?, desired: RenderedConfig, ownership: Ownership,
                  options: MergeOptions = MergeOptions()) throws(MergeError) -> MergeResult {
    try merge(existing: existingText.map { Array($0.utf8) }, desired: desired, ownership: ownership, options: options)
}

/// JSON's white space: a file of nothing else is no file yet.
func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

/// A file of our own: the desired document, pretty-printed like OpenCode writes it.
private func newFile(_ desired: RenderedConfig) -> MergeResult {
    var ownership = Ownership()
    var changes: [ConfigChange] = [.createdFile]
    for (id, value) in desired.providers {
        ownership.providers[id] = stableHash(value)
        changes.append(.addedProvider(id))
    }
    for case let (key, value?) in desired.modelKeys {
        ownership.keys[key] = stableHash(.string(value))
        changes.append(.setKey(key, value: value, previous: nil))
    }
    if let list = desired.enabledProviders {
        ownership.keys[Merger.enabledKey] = stableHash(.array(list.map(JSONValue.string)))
        changes.append(.listedProviders(list.count))
    }
    let text = JSONWriter.pretty(desired.document) + "\n"
    return MergeResult(bytes: Array(text.utf8), ownership: ownership, changes: changes, warnings: [], changed: true)
}

/// One merge into an existing file: decides, per key, what to change, and collects the text
/// edits and what the edited text must hold (to check the edits against).
///
/// It works on an outline of the file (`JSONOutline`): the top-level members and the members
/// of `provider`, where each was written, and values parsed only for what it compares (the
/// spec's providers, `model`, `enabled_providers`...). A hand-made provider is never built as
/// a value, so a large file costs little more memory than its bytes.
private struct Merger {
    /// Owned as a whole value when the desired config has its own list.
    static let enabledKey = "enabled_providers"

    let bytes: [UInt8]
    let outline: JSONOutline
    let desired: RenderedConfig
    let ownership: Ownership
    let options: MergeOptions
    let root: JSONOutline.Container
    let rootLocation: ContainerLocation
    var editor: TextEditor
    var rootPlan = ContainerPlan()
    var changes: [ConfigChange] = []
    var warnings: [String] = []
    var newOwnership = Ownership()
    /// Top-level keys this merge sets or removes, with the value each must have after (nil:
    /// absent). Every other top-level member must come out byte for byte as it was.
    var expectedKeys: [(key: String, value: JSONValue?)] = []
    /// What `provider` must hold after, when this merge touches it.
    var expectedProviders: ProviderExpectation?

    /// `provider` after the merge: the spec's values, none of `removed`, and every other
    /// member byte for byte as it was.
    struct ProviderExpectation {
        var desired: JSONObject
        var removed: Set<JSONKey>
    }

    /// Top-level members outlined one level further.
    static let outlined: Set<String> = ["provider", "enabled_providers"]

    init(bytes: [UInt8], desired: RenderedConfig, ownership: Ownership, options: MergeOptions) throws(MergeError) {
        let outline: JSONOutline
        do {
            outline = try JSONOutline.read(bytes, options: .jsonc, expanding: Self.outlined)
        } catch {
            throw .unparseable(error)
        }
        guard let root = outline.root, !root.isArray else {
            throw .topLevelNotObject(found: outline.value(at: outline.rootRange).typeName)
        }
        self.bytes = bytes
        self.outline = outline
        self.desired = desired
        self.ownership = ownership
        self.options = options
        self.root = root
        self.rootLocation = ContainerLocation(root, in: outline)
        self.editor = TextEditor(bytes: bytes, root: rootLocation)
    }

    // MARK: - provider

    mutating func mergeProviders() throws(MergeError) {
        var location: ContainerLocation?
        var existing: [JSONOutline.Member] = []
        if let (index, member) = try uniqueMember("provider", in: rootLocation) {
            guard let container = outline.expanded[index], !container.isArray else {
                let value = outline.value(at: root.members[index].valueRange)
                throw .wrongType(key: "provider", expected: "object", found: value.typeName, at: member.value.start)
            }
            existing = container.members
            location = ContainerLocation(container, in: outline)
        }
        // Every member of each id, in order (JSON keeps the last): one pass, so 10,000 providers
        // are not each looked for among 10,000.
        let positions = JSONOutline.Container.positions(of: existing)
        func current(_ id: String) -> JSONValue? {
            positions[JSONKey(id)]?.last.map { outline.value(of: existing[$0]) }
        }

        // Hand-made providers are the user's, unless they say otherwise.
        let conflicts = desired.providerIDs.filter { positions[JSONKey($0)] != nil && !ownership.owns(provider: $0) }
        if !conflicts.isEmpty && !options.adopt { throw .conflict(providerIDs: conflicts) }

        var removals: [String] = []
        var removed = Set<JSONKey>()
        for member in existing {
            guard let id = member.key, ownership.owns(provider: id), desired.providers[id] == nil,
                  removed.insert(JSONKey(id)).inserted else { continue }
            removals.append(id)
        }
        if desired.providers.isEmpty && !removals.isEmpty && !options.allowEmpty {
            throw .emptySpec(wouldRemove: removals)
        }

        var plan = ContainerPlan()
        for (id, value) in desired.providers {
            newOwnership.providers[id] = stableHash(value)
            guard let now = current(id), let location else {
                plan.appending.append((id, value))
                changes.append(.addedProvider(id))
                continue
            }
            let adopted = !ownership.owns(provider: id)
            if now != value {
                let found = positions[JSONKey(id)] ?? []
                if found.count > 1 { throw .duplicateKey(id, at: found.compactMap { location.members[$0].keySpan?.start }) }
                guard let index = found.first else { continue }
                plan.replacing[index] = value
                if !adopted, let written = ownership.providers[id], written != stableHash(now) {
                    warnings.append("provider \(id) was edited by hand since provider-sync wrote it; the spec's version replaces it")
                }
                changes.append(adopted ? .adoptedProvider(id) : .updatedProvider(id))
            } else if adopted {
                changes.append(.adoptedProvider(id))
            }
        }
        for id in removals {
            if location != nil { plan.removing.formUnion(positions[JSONKey(id)] ?? []) }
            changes.append(.removedProvider(id))
        }

        if let location {
            editor.apply(plan, to: location)
            expectedProviders = ProviderExpectation(desired: desired.providers, removed: Set(removals.map(JSONKey.init)))
        } else if !desired.providers.isEmpty {
            rootPlan.appending.append(("provider", .object(desired.providers)))
            expectedProviders = ProviderExpectation(desired: desired.providers, removed: [])
        }
    }

    // MARK: - model, small_model

    /// The spec's value wins, also over a value the user set by hand (reported as a change);
    /// a key the spec no longer sets is removed only when this tool wrote it.
    mutating func mergeModelKeys() throws(MergeError) {
        for (key, value) in desired.modelKeys {
            let member = try uniqueMember(key, in: rootLocation)
            let current = member.map { outline.value(at: root.members[$0.0].valueRange) }
            guard let value else {
                if ownership.keys[key] != nil, let (index, _) = member {
                    rootPlan.removing.insert(index)
                    expectedKeys.append((key, nil))
                    changes.append(.removedKey(key))
                }
                continue
            }
            newOwnership.keys[key] = stableHash(.string(value))
            expectedKeys.append((key, .string(value)))
            if let (index, _) = member {
                guard let current, current != .string(value) else { continue }
                rootPlan.replacing[index] = .string(value)
                changes.append(.setKey(key, value: value, previous: current.stringValue ?? JSONWriter.compact(current)))
            } else {
                rootPlan.appending.append((key, .string(value)))
                changes.append(.setKey(key, value: value, previous: nil))
            }
        }
    }

    // MARK: - $schema

    /// Added for editor completion when the file has none; a different one is the user's.
    mutating func mergeSchema() {
        guard root.members(named: "$schema").isEmpty else { return }
        rootPlan.prepending.append(("$schema", .string(RenderedConfig.schemaURL)))
        expectedKeys.append(("$schema", .string(RenderedConfig.schemaURL)))
        changes.append(.addedSchema)
    }

    // MARK: - enabled_providers, disabled_providers

    /// When the file lists enabled providers, OpenCode ignores every other one: list ours, and
    /// unlist those this tool listed once it stops writing them.
    mutating func mergeEnabledProviders() throws(MergeError) {
        guard let (index, _) = try uniqueMember("enabled_providers", in: rootLocation) else { return }
        guard case .array(let list) = outline.value(at: root.members[index].valueRange) else {
            warnings.append("enabled_providers is not a list, so it was left alone; OpenCode may not load the spec's providers")
            return
        }
        guard let container = outline.expanded[index] else { return }
        let location = ContainerLocation(container, in: outline)
        let wanted = Set(desired.providerIDs.map(JSONKey.init))
        var plan = ContainerPlan()
        var kept: [JSONValue] = []
        var unlisted: [String] = []
        for (index, element) in list.enumerated() {
            if let id = element.stringValue, ownership.enabledProviders.contains(where: { $0.hasSameCodePoints(as: id) }),
               !wanted.contains(JSONKey(id)) {
                plan.removing.insert(index)
                if !unlisted.contains(where: { $0.hasSameCodePoints(as: id) }) { unlisted.append(id) }
            } else {
                kept.append(element)
            }
        }
        changes += unlisted.map(ConfigChange.unlistedProvider)

        let listed = Set(list.compactMap(\.stringValue).map(JSONKey.init))
        var added: [String] = []
        for id in desired.providerIDs where !listed.contains(JSONKey(id)) {
            plan.appending.append((nil, .string(id)))
            added.append(id)
            changes.append(.enabledProvider(id))
        }
        newOwnership.enabledProviders = desired.providerIDs.filter {
            added.contains($0) || ownership.enabledProviders.contains($0)
        }
        editor.apply(plan, to: location)
        expectedKeys.append(("enabled_providers", .array(kept + added.map(JSONValue.string))))
    }

    /// The file's whole `enabled_providers` is provider-sync's (the app's sidecar, the managed
    /// file when asked): set to the desired list, removed when no longer wanted (only where
    /// this tool wrote it, which the caller's check of the ownership ensures).
    mutating func mergeOwnedEnabledProviders() throws(MergeError) {
        let key = Self.enabledKey
        let member = try uniqueMember(key, in: rootLocation)
        guard let list = desired.enabledProviders else {
            if let (index, _) = member {
                rootPlan.removing.insert(index)
                expectedKeys.append((key, nil))
                changes.append(.removedKey(key))
            }
            return
        }
        let value = JSONValue.array(list.map(JSONValue.string))
        newOwnership.keys[key] = stableHash(value)
        expectedKeys.append((key, value))
        guard let (index, _) = member else {
            rootPlan.appending.append((key, value))
            changes.append(.listedProviders(list.count))
            return
        }
        let current = outline.value(at: root.members[index].valueRange)
        guard current != value else { return }
        if let written = ownership.keys[key], written != stableHash(current) {
            warnings.append("enabled_providers was edited by hand since provider-sync wrote it; provider-sync's list replaces it")
        }
        rootPlan.replacing[index] = value
        changes.append(.listedProviders(list.count))
    }

    /// `disabled_providers` wins over `enabled_providers` and the spec: the user disabled the
    /// provider on purpose, so it stays disabled, but say so rather than fail silently.
    mutating func warnAboutDisabledProviders() {
        guard case .array(let disabled)? = outline.topLevelValue("disabled_providers") else { return }
        let names = Set(disabled.compactMap(\.stringValue).map(JSONKey.init))
        for id in desired.providerIDs where names.contains(JSONKey(id)) {
            warnings.append("provider \(id) is listed in disabled_providers, so OpenCode will not load it; "
                + "remove it from that list to use it")
        }
    }

    // MARK: - Result

    mutating func finish() throws(MergeError) -> MergeResult {
        editor.apply(rootPlan, to: rootLocation)
        guard let newBytes = editor.result() else { throw .internalInconsistency("two edits overlap") }
        try verify(newBytes)
        return MergeResult(bytes: newBytes, ownership: newOwnership, changes: changes, warnings: warnings,
                           changed: newBytes != bytes)
    }

    /// The edited text must hold what this merge meant, leave every other member byte for byte
    /// as it was, and stay strict JSON if it was.
    private func verify(_ newBytes: [UInt8]) throws(MergeError) {
        let result: JSONOutline
        if newBytes == bytes {
            result = outline
        } else {
            let strict = JSONOutline.isValid(bytes, options: .json)
            do {
                result = try JSONOutline.read(newBytes, options: strict ? .json : .jsonc, expanding: Self.outlined, positions: false)
            } catch {
                throw .internalInconsistency("the result does not parse: \(error)")
            }
        }
        guard let newRoot = result.root, !newRoot.isArray else {
            throw .internalInconsistency("the result is not an object")
        }
        // Members this merge does not touch: the same, in the same order, byte for byte.
        var touched = Set(expectedKeys.map { JSONKey($0.key) })
        if expectedProviders != nil { touched.insert(JSONKey("provider")) }
        guard sameUntouched(root.members, outline, newRoot.members, result, except: touched) else {
            throw .internalInconsistency("a member this merge does not own changed")
        }
        for (key, value) in expectedKeys {
            let found = newRoot.members(named: key)
            guard found.count <= 1, found.first.map(result.value(of:)) == value else {
                throw .internalInconsistency("\(key) does not hold what was meant")
            }
        }
        if let expected = expectedProviders { try verifyProviders(expected, result, newRoot) }
    }

    private func verifyProviders(_ expected: ProviderExpectation, _ result: JSONOutline,
                                 _ newRoot: JSONOutline.Container) throws(MergeError) {
        let found = newRoot.members.indices.filter { newRoot.members[$0].key?.hasSameCodePoints(as: "provider") == true }
        guard found.count == 1, let container = result.expanded[found[0]], !container.isArray else {
            throw .internalInconsistency("provider is not one object")
        }
        let before = root.members.indices.first { root.members[$0].key?.hasSameCodePoints(as: "provider") == true }
            .flatMap { outline.expanded[$0]?.members } ?? []
        let ours = Set(expected.desired.keys.map(JSONKey.init)).union(expected.removed)
        guard sameUntouched(before, outline, container.members, result, except: ours) else {
            throw .internalInconsistency("a provider this merge does not own changed")
        }
        let positions = JSONOutline.Container.positions(of: container.members)
        for (id, value) in expected.desired {
            let found = positions[JSONKey(id)] ?? []
            guard found.count == 1, result.value(of: container.members[found[0]]) == value else {
                throw .internalInconsistency("provider \(id) does not hold the spec's value")
            }
        }
        for id in expected.removed where positions[id] != nil {
            throw .internalInconsistency("provider \(id) was not removed")
        }
    }

    // MARK: - Lookup

    /// The one member with this key; an error when the file has it twice.
    private func uniqueMember(_ key: String, in container: ContainerLocation) throws(MergeError) -> (Int, MemberLocation)? {
        let found = container.members.enumerated().filter { $0.element.key?.hasSameCodePoints(as: key) == true }
        if found.count > 1 {
            throw .duplicateKey(key, at: found.compactMap { $0.element.keySpan?.start })
        }
        return found.first.map { ($0.offset, $0.element) }
    }
}

/// The members whose keys are not in `except`, in order, with the same keys and the same bytes
/// of value in both texts: what a merge must leave as it was.
func sameUntouched(_ old: [JSONOutline.Member], _ oldText: JSONOutline,
                   _ new: [JSONOutline.Member], _ newText: JSONOutline, except: Set<JSONKey>) -> Bool {
    let kept = { (m: JSONOutline.Member) in m.key.map { !except.contains(JSONKey($0)) } ?? true }
    let a = old.filter(kept), b = new.filter(kept)
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        guard x.key?.hasSameCodePoints(as: y.key ?? "") ?? (y.key == nil),
              oldText.raw(x.valueRange).elementsEqual(newText.raw(y.valueRange)) else { return false }
    }
    return true
}
