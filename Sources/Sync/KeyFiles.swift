/// The `file` secrets mode: each keychain key in a 0600 file of its own in the state folder,
/// which opencode.json names as `{file:PATH}`.
public struct KeyFiles: Sendable {
    public var state: StateLocation

    public init(state: StateLocation) {
        self.state = state
    }

    public func path(for name: String) -> String { state.appending("keys", name) }

    /// Writes the files whose content differs; returns the names written. A rotated key is
    /// picked up here without opencode.json changing.
    @discardableResult
    public func write(_ values: [String: String]) throws -> [String] {
        var written: [String] = []
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            let file = path(for: name)
            let bytes = Array(value.utf8)
            if try AtomicFileWriter.read(file) == bytes { continue }
            try AtomicFileWriter.write(bytes, to: file, mode: 0o600)
            written.append(name)
        }
        return written
    }
}
