import ArgumentParser
import CLICommon
import Foundation
import ProviderSpec

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check spec files against the schema and the rules beyond it.",
        discussion: """
            Reports every problem of every file as file:line:column. Exit codes: 0 valid \
            (warnings allowed), 1 invalid, 2 usage or I/O error. Use '-' to read a spec from \
            standard input (a pre-commit hook passes the staged text).
            """
    )

    @Argument(help: "Spec files, or folders whose *.yaml and *.yml files are checked. Default: providers.yaml.")
    var paths: [String] = []

    @Option(help: "Output format: text, json (one object per line) or github (workflow annotations).")
    var format: DiagnosticFormat = .text

    @Option(help: "The file name to report for a spec read from standard input ('-').")
    var stdinName: String = "<stdin>"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let files = try SpecFiles.expand(paths.isEmpty ? ["providers.yaml"] : paths)
        let formatter = DiagnosticFormatter(format: format)
        var errors = 0, warnings = 0, unreadable = 0
        for file in files {
            let loaded: LoadedSpec
            do {
                loaded = try file == "-" ? SpecLoader.standard.load(bytes: StandardInput.readAll(), file: stdinName, decode: false)
                    : SpecLoader.standard.load(path: file, decode: false)
            } catch {
                unreadable += 1
                Terminal.error("\(error)")
                continue
            }
            for d in loaded.diagnostics {
                if format == .github {
                    Terminal.stdoutWorkflowCommands(formatter.render(d, source: loaded.bytes))
                } else {
                    Terminal.stdout(formatter.styled(d, source: loaded.bytes))
                }
                if d.severity == .error { errors += 1 } else if d.severity == .warning { warnings += 1 }
            }
        }
        if format == .text {
            Terminal.stderr(Summary.line(files: files.count, errors: errors, warnings: warnings, unreadable: unreadable))
        }
        if unreadable > 0 { throw ExitCode(ExitStatus.usage) }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(ExitStatus.failed) }
    }
}

enum Summary {
    static func line(files: Int, errors: Int, warnings: Int, unreadable: Int) -> String {
        let checked = "\(files) \(files == 1 ? "file" : "files")"
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) \(errors == 1 ? "error" : "errors")") }
        if warnings > 0 { parts.append("\(warnings) \(warnings == 1 ? "warning" : "warnings")") }
        if unreadable > 0 { parts.append("\(unreadable) unreadable") }
        return parts.isEmpty ? "\(checked) valid\n" : "\(parts.joined(separator: ", ")) in \(checked)\n"
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
