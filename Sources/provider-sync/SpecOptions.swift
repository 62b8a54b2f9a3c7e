import ArgumentParser
internal import CLICommon
internal import ProviderSpec

/// The spec a command works from.
struct SpecOptions: ParsableArguments {
    @Argument(help: "The spec: a file, or a folder whose spec files are merged (as the agent merges them). Default: providers.yaml.")
    var spec = "providers.yaml"

    init() {}

    /// The valid spec and a hash of its text (the hash the agent records for the same files),
    /// or the diagnostics printed and exit 1. `writes`: the command writes files, and the
    /// message says that nothing was written.
    func load(writes: Bool = false) throws -> (Spec, hash: String) {
        let message = "\(spec) is not valid" + (writes ? "; nothing was written" : "")
        return try SpecFile.load(spec, invalid: CommandFailure(message: message, exitCode: ExitStatus.failed))
    }
}
