import ArgumentParser
internal import CLICommon

/// `provider-sync validate`: the options and the run are `ValidateOptions` and `Validation`,
/// which the hooks' own program (`provider-sync-validate`) shares.
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check specs (files, or folders of spec files) against the schema and the rules beyond it.",
        discussion: ValidateOptions.discussion
    )

    @OptionGroup var options: ValidateOptions

    public init() {}

    public func run() throws {
        var validation = Validation(options: options)
        try validation.run()
    }
}
