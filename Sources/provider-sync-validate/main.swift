import ArgumentParser
internal import CLICommon
internal import ValidateCLI

/// The hooks' program: `provider-sync validate` and nothing else, so that the pre-commit hook
/// built from source (hooks/Package.swift) compiles only what validating needs.
struct HookValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider-sync-validate",
        abstract: "provider-sync validate, for git hooks: check specs (files, or folders of spec files).",
        discussion: ValidateOptions.discussion,
        version: ToolVersion.string
    )

    @OptionGroup var options: ValidateOptions

    func run() throws {
        var validation = Validation(options: options)
        try validation.run()
    }
}

CommandMain.run(HookValidateCommand.self)
