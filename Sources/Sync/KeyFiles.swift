internal import JSONCore
internal import SystemIO
public import Workstation

/// The `file` secrets mode: each keychain key in a 0600 file of its own in the state folder,
/// which opencode.json names as `{file:PATH}`.
public struct KeyFiles: Sendable {
    public var state: StateLocation

    public init(state: StateLocation) {
        self.state = state
    }

    public var folder: String { state.keysDirectory }

    public func path(for name: String) -> String { state.keyFile(name) }

    /// Writes the files whose content differs; returns the names written. A rotated key is
    /// picked up here without opencode.json changing.
    @discardableResult
    public func write(_ values: [String: String]) throws -> [String] {
        var written: [String] = []
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            let file = path(for: name)
            let bytes = Array(value.utf8)
            if try FileReader.read(file, limit: Self.maximumSize) == bytes { continue }
            try AtomicFileWriter.write(bytes, to: file, mode: 0o600)
            written.append(name)
        }
        return written
    }

    /// The names of the key files there are (the writer's temporary files aside).
    public func names() throws -> [String] {
        try FileSystem.listFolder(folder).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Deletes the key files that no target this tool manages names any more (a provider
    /// dropped, the `inline` mode again), and those of `forgotten` whatever names them (a
    /// secret deleted from the keychain): a plaintext key nothing uses must not stay behind.
    /// Returns the names deleted. When a target cannot be read, only `forgotten` go: whether
    /// the others are still named cannot be told. The caller holds the write lock.
    @discardableResult
    public func removeUnused(forgetting forgotten: Set<String> = []) throws -> [String] {
        let present = try names()
        guard !present.isEmpty else { return [] }
        let used = (try? namesInUse()) ?? Set(present)
        var removed: [String] = []
        for name in present where forgotten.contains(name) || !used.contains(name) {
            try FileSystem.removeFile(path(for: name))
            removed.append(name)
        }
        return removed
    }

    /// The targets, among those this tool manages, whose file names the key file `name`.
    public func targetsNaming(_ name: String) throws -> [String] {
        try ManagedTargets(state: state).paths().filter { try references(inFileAt: $0).contains(name) }
    }

    /// The key files the file at `target` names that do not exist (deleted once unused, then
    /// named again by a rolled-back version).
    public func missingNames(inFileAt target: String) throws -> [String] {
        try references(inFileAt: target).sorted().filter { try FileStatus.of(path(for: $0)) == nil }
    }

    /// Every key file name the managed targets' files refer to as `{file:<keys>/NAME}`.
    func namesInUse() throws -> Set<String> {
        var used = Set<String>()
        for target in try ManagedTargets(state: state).paths() { used.formUnion(try references(inFileAt: target)) }
        return used
    }

    private func references(inFileAt target: String) throws -> Set<String> {
        guard let bytes = try FileReader.read(target) else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        // Parsed only when it can name a file at all: most targets never do.
        guard text.contains("{file:") else { return [] }
        let value = try JSONParser.value(text, options: .jsonc)
        var found = Set<String>()
        collect(value, into: &found)
        return found
    }

    private func collect(_ value: JSONValue, into found: inout Set<String>) {
        switch value {
        case .string(let text):
            let prefix = "{file:" + folder + "/"
            if text.hasPrefix(prefix), text.hasSuffix("}") { found.insert(String(text.dropFirst(prefix.count).dropLast())) }
        case .array(let elements):
            for element in elements { collect(element, into: &found) }
        case .object(let object):
            for (_, member) in object.members { collect(member, into: &found) }
        default:
            break
        }
    }

    /// A key is a line of text; anything near this size is not one.
    static let maximumSize = 1 << 20
}
