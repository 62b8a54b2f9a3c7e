import Foundation
import PackagePlugin

/// Writes `BuildRevision.swift` (the git revision the program is built from) before every
/// build: a prebuild command, because no input file SwiftPM knows of changes with a commit.
/// The script rewrites the file only when the revision changed, so nothing recompiles otherwise.
@main
struct BuildRevisionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let script = context.package.directoryURL.appendingPathComponent("scripts/build-revision.sh")
        return [
            .prebuildCommand(
                displayName: "Recording the git revision of \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, context.package.directoryURL.path, output.path],
                outputFilesDirectory: output
            ),
        ]
    }
}
