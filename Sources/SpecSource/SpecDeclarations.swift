internal import JSONCore
internal import YAMLReader

/// What one spec file declares that no other file of its folder may declare too: its provider
/// ids and the settings it sets (`model`, `smallModel`, `secrets`), each with where its key
/// was written. Taken from the document whatever its other errors, so a folder's clashes are
/// reported together with each file's own problems.
struct SpecDeclarations: Sendable {
    struct Declaration: Sendable {
        var name: String
        var span: SourceSpan?
    }

    static let settings = ["model", "smallModel", "secrets"]

    var providers: [Declaration] = []
    var settings: [Declaration] = []

    init(_ document: YAMLDocument) {
        guard case .object(let root) = document.value else { return }
        if case .object(let providers)? = root["providers"] {
            let locations = document.sourceMap.memberLocations(of: JSONPointer(["providers"]), in: document.value)
            self.providers = providers.members.enumerated().map { i, member in
                Declaration(name: member.key, span: i < locations.count ? locations[i].key : nil)
            }
        }
        for name in Self.settings where root[name] != nil {
            settings.append(Declaration(name: name, span: document.sourceMap.location(of: JSONPointer([name]), in: document.value)?.key))
        }
    }
}
