import ArgumentParser
import CLICommon
import GitSource
import Secrets
import YAMLReader

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of provider-sync and of the C libraries it runs on."
    )

    func run() throws {
        Terminal.stdout("""
            provider-sync \(ToolVersion.string)
            libyaml \(YAMLLibrary.version)
            libgit2 \(GitLibrary.version)
            libsecret \(SecretLibrary.version)

            """)
    }
}
