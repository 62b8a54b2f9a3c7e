internal import JSONCore

/// Why the specs of a folder cannot be one spec. Each names the files involved.
public enum SpecMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The same provider id in two files: which one counts would depend on file names.
    case duplicateProvider(id: String, files: [String])
    /// `model`, `smallModel` or `secrets` set in more than one file.
    case duplicateSetting(name: String, files: [String])
    case empty

    public var description: String {
        switch self {
        case .duplicateProvider(let id, let files):
            "provider '\(id)' is declared in both \(files.joined(separator: " and ")); keep it in one file"
        case .duplicateSetting(let name, let files):
            "'\(name)' is set in \(files.joined(separator: " and ")); set it in one file only"
        case .empty:
            "there is no spec file to merge"
        }
    }
}

/// A folder of spec files as one spec: providers united in file order, and `model`,
/// `smallModel` and `secrets` from the one file that sets each. Each file is a valid spec on
/// its own (what `validate FOLDER` checks in the pre-commit hook), so a default model is set
/// in the file that declares its provider.
public enum SpecMerge {
    public static func merge(_ parts: [(file: String, spec: Spec)]) throws(SpecMergeError) -> Spec {
        guard let first = parts.first else { throw .empty }
        if parts.count == 1 { return first.spec }
        var declaredIn: [JSONKey: String] = [:]
        var providers: [Provider] = []
        for (file, spec) in parts {
            for provider in spec.providers {
                if let earlier = declaredIn[JSONKey(provider.id)] { throw .duplicateProvider(id: provider.id, files: [earlier, file]) }
                declaredIn[JSONKey(provider.id)] = file
                providers.append(provider)
            }
        }
        return Spec(version: first.spec.version, providers: providers,
                    model: try single("model", parts.map { ($0.file, $0.spec.model) }),
                    smallModel: try single("smallModel", parts.map { ($0.file, $0.spec.smallModel) }),
                    secrets: try single("secrets", parts.map { ($0.file, $0.spec.secrets) }))
    }

    private static func single<T>(_ name: String, _ values: [(String, T?)]) throws(SpecMergeError) -> T? {
        let set = values.compactMap { file, value in value.map { (file, $0) } }
        guard set.count <= 1 else { throw .duplicateSetting(name: name, files: set.map(\.0)) }
        return set.first?.1
    }
}
