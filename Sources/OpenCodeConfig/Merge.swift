import JSONCore

/// Puts the desired providers and models into the opencode.json on disk, touching only what
/// this tool owns and editing the text in place so that the user's other settings, comments
/// and formatting stay byte for byte. Merging a result with the same desired state again gives
/// the same bytes, so `changed == false` means "up to date".
///
/// - Parameters:
///   - existingText: the file's text, or nil (or blank) when there is no file yet.
///   - ownership: what the previous merge into this file returned.
/// - Throws: `MergeError`; then nothing must be written.
public func merge(existingText: String?, desired: RenderedConfig, ownership: Ownership,
                  options: MergeOptions = MergeOptions()) throws(MergeError) -> MergeResult {
    guard let existingText, !existingText.allSatisfy(\.isWhitespace) else {
        return newFile(desired)
    }
    var merger = try Merger(text: existingText, desired: desired, ownership: ownership, options: options)
    try merger.mergeProviders()
    try merger.mergeModelKeys()
    merger.mergeSchema()
    try merger.mergeEnabledProviders()
    merger.warnAboutDisabledProviders()
    return try merger.finish()
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
    let text = JSONWriter.pretty(desired.document) + "\n"
    return MergeResult(text: text, ownership: ownership, changes: changes, warnings: [], changed: true)
}

/// One merge into an existing file: decides, per key, what to change, and collects the text
/// edits and the document they must produce (to check the edits against).
private struct Merger {
    let text: String
    let desired: RenderedConfig
    let ownership: Ownership
    let options: MergeOptions
    let root: JSONObject
    let map: SourceMap
    let bytes: [UInt8]
    let rootLocation: ContainerLocation
    var editor: TextEditor
    var rootPlan = ContainerPlan()
    /// The document the edited text must read back as.
    var expected: JSONObject
    var changes: [ConfigChange] = []
    var warnings: [String] = []
    var newOwnership = Ownership()

    init(text: String, desired: RenderedConfig, ownership: Ownership, options: MergeOptions) throws(MergeError) {
        let value: JSONValue
        let map: SourceMap
        do {
            (value, map) = try JSONParser.parse(text, options: .jsonc)
        } catch {
            throw .unparseable(error)
        }
        guard case .object(let root) = value else { throw .topLevelNotObject(found: value.typeName) }
        self.text = text
        self.desired = desired
        self.ownership = ownership
        self.options = options
        self.root = root
        self.map = map
        self.bytes = Array(text.utf8)
        self.rootLocation = map.container(at: 0, bytes: bytes)
        self.editor = TextEditor(bytes: bytes, root: rootLocation)
        self.expected = root
    }

    // MARK: - provider

    mutating func mergeProviders() throws(MergeError) {
        var location: ContainerLocation?
        var existing = JSONObject()
        if let (_, member) = try uniqueMember("provider", in: rootLocation) {
            let value = root["provider"] ?? .null
            guard case .object(let object) = value else {
                throw .wrongType(key: "provider", expected: "object", found: value.typeName, at: member.value.start)
            }
            existing = object
            location = map.container(at: member.node, bytes: bytes)
        }

        // Hand-made providers are the user's, unless they say otherwise.
        let conflicts = desired.providerIDs.filter { existing[$0] != nil && !ownership.owns(provider: $0) }
        if !conflicts.isEmpty && !options.adopt { throw .conflict(providerIDs: conflicts) }

        let removals = existing.keys.filter { ownership.owns(provider: $0) && desired.providers[$0] == nil }
        if desired.providers.isEmpty && !removals.isEmpty && !options.allowEmpty {
            throw .emptySpec(wouldRemove: removals)
        }

        var plan = ContainerPlan()
        var result = existing
        for (id, value) in desired.providers {
            newOwnership.providers[id] = stableHash(value)
            result[id] = value
            guard let current = existing[id], let location else {
                plan.appending.append((id, value))
                changes.append(.addedProvider(id))
                continue
            }
            let adopted = !ownership.owns(provider: id)
            if current != value {
                guard let (index, _) = try uniqueMember(id, in: location) else { continue }
                plan.replacing[index] = value
                if !adopted, let written = ownership.providers[id], written != stableHash(current) {
                    warnings.append("provider \(id) was edited by hand since provider-sync wrote it; the spec's version replaces it")
                }
                changes.append(adopted ? .adoptedProvider(id) : .updatedProvider(id))
            } else if adopted {
                changes.append(.adoptedProvider(id))
            }
        }
        for id in removals {
            if let location {
                for (index, member) in location.members.enumerated() where member.key?.hasSameCodePoints(as: id) == true { plan.removing.insert(index) }
            }
            result[id] = nil
            changes.append(.removedProvider(id))
        }

        if let location {
            editor.apply(plan, to: location)
            expected["provider"] = .object(result)
        } else if !desired.providers.isEmpty {
            rootPlan.appending.append(("provider", .object(desired.providers)))
            expected["provider"] = .object(desired.providers)
        }
    }

    // MARK: - model, small_model

    /// The spec's value wins, also over a value the user set by hand (reported as a change);
    /// a key the spec no longer sets is removed only when this tool wrote it.
    mutating func mergeModelKeys() throws(MergeError) {
        for (key, value) in desired.modelKeys {
            let member = try uniqueMember(key, in: rootLocation)
            let current = root[key]
            guard let value else {
                if ownership.keys[key] != nil, let (index, _) = member {
                    rootPlan.removing.insert(index)
                    expected[key] = nil
                    changes.append(.removedKey(key))
                }
                continue
            }
            newOwnership.keys[key] = stableHash(.string(value))
            expected[key] = .string(value)
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
        guard root["$schema"] == nil else { return }
        rootPlan.prepending.append(("$schema", .string(RenderedConfig.schemaURL)))
        expected["$schema"] = .string(RenderedConfig.schemaURL)
        changes.append(.addedSchema)
    }

    // MARK: - enabled_providers, disabled_providers

    /// When the file lists enabled providers, OpenCode ignores every other one: list ours, and
    /// unlist those this tool listed once it stops writing them.
    mutating func mergeEnabledProviders() throws(MergeError) {
        guard let (_, member) = try uniqueMember("enabled_providers", in: rootLocation) else { return }
        guard case .array(let list)? = root["enabled_providers"] else {
            warnings.append("enabled_providers is not a list, so it was left alone; OpenCode may not load the spec's providers")
            return
        }
        let location = map.container(at: member.node, bytes: bytes)
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
        expected["enabled_providers"] = .array(kept + added.map(JSONValue.string))
    }

    /// `disabled_providers` wins over `enabled_providers` and the spec: the user disabled the
    /// provider on purpose, so it stays disabled, but say so rather than fail silently.
    mutating func warnAboutDisabledProviders() {
        guard case .array(let disabled)? = root["disabled_providers"] else { return }
        let names = Set(disabled.compactMap(\.stringValue).map(JSONKey.init))
        for id in desired.providerIDs where names.contains(JSONKey(id)) {
            warnings.append("provider \(id) is listed in disabled_providers, so OpenCode will not load it; "
                + "remove it from that list to use it")
        }
    }

    // MARK: - Result

    mutating func finish() throws(MergeError) -> MergeResult {
        editor.apply(rootPlan, to: rootLocation)
        guard let newText = editor.result() else { throw .internalInconsistency("two edits overlap") }
        try verify(newText)
        // By bytes: String's `!=` calls canonically equivalent texts ("é", "e\u{301}") equal.
        return MergeResult(text: newText, ownership: newOwnership, changes: changes, warnings: warnings,
                           changed: !newText.utf8.elementsEqual(text.utf8))
    }

    /// The edited text must read back as the intended document, and stay strict JSON if it was.
    private func verify(_ newText: String) throws(MergeError) {
        // Nothing edited: the document read at the start must already be the intended one.
        if newText.utf8.elementsEqual(text.utf8) {
            guard root == expected else { throw .internalInconsistency("an edit the document needs was not made") }
            return
        }
        let wasStrict = (try? JSONParser.parse(text, options: .json)) != nil
        let reread: JSONValue
        do {
            reread = try JSONParser.value(newText, options: wasStrict ? .json : .jsonc)
        } catch {
            throw .internalInconsistency("the result does not parse: \(error)")
        }
        guard reread == .object(expected) else { throw .internalInconsistency("the result differs from the intended document") }
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
