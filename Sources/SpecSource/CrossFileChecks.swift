internal import JSONCore
internal import ProviderSpec

/// The rules across the files of a spec folder: a provider id declared in one file only, and
/// `model`, `smallModel` and `secrets` set in one file only (which one counts would otherwise
/// depend on file names). Each clash is an error at the later declaration that names the first
/// one, in its message and as a related location.
enum CrossFileChecks {
    static let duplicateProviderCode = "spec.duplicate-provider"
    static let duplicateSettingCode = "spec.duplicate-setting"

    /// Diagnostics for `files` (display name and declarations, in merge order).
    static func run(_ files: [(name: String, declarations: SpecDeclarations)]) -> [Diagnostic] {
        var firstProvider: [JSONKey: RelatedLocation] = [:]
        var firstSetting: [String: RelatedLocation] = [:]
        var found: [Diagnostic] = []
        for (file, declarations) in files {
            for provider in declarations.providers {
                let here = RelatedLocation(file: file, start: provider.span?.start, end: provider.span?.end)
                guard let first = firstProvider[JSONKey(provider.name)] else {
                    firstProvider[JSONKey(provider.name)] = here
                    continue
                }
                found.append(clash(at: here, first: first, pointer: JSONPointer(["providers", provider.name]), code: duplicateProviderCode,
                                   message: "provider '\(provider.name)' is also declared in \(first); keep it in one file"))
            }
            for setting in declarations.settings {
                let here = RelatedLocation(file: file, start: setting.span?.start, end: setting.span?.end)
                guard let first = firstSetting[setting.name] else {
                    firstSetting[setting.name] = here
                    continue
                }
                found.append(clash(at: here, first: first, pointer: JSONPointer([setting.name]), code: duplicateSettingCode,
                                   message: "'\(setting.name)' is also set in \(first); set it in one file of the folder only"))
            }
        }
        return found
    }

    private static func clash(at here: RelatedLocation, first: RelatedLocation, pointer: JSONPointer, code: String,
                              message: String) -> Diagnostic {
        var d = Diagnostic(severity: .error, file: here.file, position: here.start, message: message, pointer: pointer, code: code)
        d.end = here.end
        d.related = [first]
        return d
    }
}
