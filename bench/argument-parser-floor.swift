// What swift-argument-parser costs at start-up on its own (bench/run.sh builds it as `make
// release` builds provider-sync, against the same ArgumentParser objects): a program with
// Foundation whose one subcommand declares validate's options (an option group, an enum
// option, flags, repeated options and arguments) and does nothing with them.
// `argument-parser-floor validate --format json FILE` parses what `provider-sync validate`
// parses; the difference to provider-sync is then what provider-sync does, not the parser.
import ArgumentParser
import Foundation

enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, github, sarif }

struct Options: ParsableArguments {
    @Argument(help: "Spec files.") var paths: [String] = []
    @Option(help: "Output format.") var format: Format = .text
    @Option(help: "The name of standard input.") var stdinName: String = "<stdin>"
    @Flag(help: "Warnings are errors.") var strict = false
    @Flag(help: "Read the git index.") var staged = false
    @Flag(help: "Files stand for their folders.") var wholeFolders = false
    @Option(name: .customLong("target"), help: "Targets.") var targets: [String] = []
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Parses validate's options.")
    @OptionGroup var options: Options
    func run() throws {
        if options.paths.count > 99 { print("more than 99 paths") }
    }
}

struct Root: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argument-parser-floor", abstract: "ArgumentParser's start-up.", version: "0", subcommands: [Validate.self])
}

if ProcessInfo.processInfo.arguments.count > 99 { print("more than 98 arguments") }
do {
    var command = try Root.parseAsRoot()
    try command.run()
} catch {
    Root.exit(withError: error)
}
