import ArgumentParser
internal import CLICommon
internal import GitSource
internal import Secrets
internal import YAMLReader

/// `provider-sync version`: what a bug report needs. `--version` prints the version alone and
/// touches no C library; this command asks each library for its version, so it loads them.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of provider-sync, the git revision it was built from, and the C libraries it runs with."
    )

    func run() throws {
        // Asked first: a library loaded on demand is in the process's list only afterwards.
        let versions = [("libyaml", YAMLLibrary.version), ("libgit2", GitLibrary.version), ("libsecret", SecretLibrary.version)]
        let files = LoadedLibraries.files()
        var text = "provider-sync \(ToolVersion.string)\nrevision \(BuildRevision.value)\n"
        for (name, version) in versions {
            let file = files.first { LoadedLibraries.name(of: $0).hasPrefix(name == "libsecret" ? "libsecret-1." : name) }
            text += "\(name) \(version)\(file.map { " \($0)" } ?? "")\n"
        }
        Terminal.stdout(text)
    }
}
