import ArgumentParser
import OpenCodeConfig
import ProviderSpec

/// The spec a command works from.
public struct SpecOptions: ParsableArguments {
    @Argument(help: "The spec file. Default: providers.yaml.")
    public var spec = "providers.yaml"

    public init() {}

    /// The valid spec and a hash of its text, or the diagnostics printed and exit 1.
    public func load() throws -> (Spec, hash: String) {
        let (spec, bytes) = try SpecFile.load(spec, invalid: CommandFailure(message: "\(spec) is not valid; nothing was written", exitCode: ExitStatus.failed))
        return (spec, stableHash(.string(String(decoding: bytes, as: UTF8.self))))
    }
}
