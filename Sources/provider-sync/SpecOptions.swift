import ArgumentParser
import CLICommon
import OpenCodeConfig
import ProviderSpec

/// The spec a command works from.
struct SpecOptions: ParsableArguments {
    @Argument(help: "The spec file. Default: providers.yaml.")
    var spec = "providers.yaml"

    init() {}

    /// The valid spec and a hash of its text, or the diagnostics printed and exit 1.
    /// `writes`: the command writes files, and the message says that nothing was written.
    func load(writes: Bool = false) throws -> (Spec, hash: String) {
        let message = "\(spec) is not valid" + (writes ? "; nothing was written" : "")
        let (spec, bytes) = try SpecFile.load(spec, invalid: CommandFailure(message: message, exitCode: ExitStatus.failed))
        return (spec, stableHash(.string(String(decoding: bytes, as: UTF8.self))))
    }
}
