import ArgumentParser
import CLICommon
import FoundationEssentials
import ProviderSpec
import SystemIO

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check spec files against the schema and the rules beyond it.",
        discussion: """
            Reports every problem of every file as file:line:column. Exit codes: 0 valid \
            (warnings allowed), 1 invalid, 2 usage or I/O error (a path that cannot be read is \
            reported in the chosen format, and the other paths are still checked). Use '-' to \
            read a spec from standard input (a pre-commit hook passes the staged text).
            """
    )

    @Argument(help: "Spec files, or folders whose *.yaml and *.yml files are checked. Default: providers.yaml.")
    var paths: [String] = []

    @Option(help: "Output format: text, json (one object per line), github (workflow annotations) or sarif (a SARIF 2.1.0 log).")
    var format: ValidateFormat = .text

    @Option(help: "The file name to report for a spec read from standard input ('-').")
    var stdinName: String = "<stdin>"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        var output = ValidationOutput(format: format)
        var files = 0, errors = 0, warnings = 0, unreadable = 0
        // Path by path, so that one that cannot be read is reported and the others still checked.
        for path in paths.isEmpty ? ["providers.yaml"] : paths {
            let expanded: [SpecFiles.Entry]
            do {
                expanded = try SpecFiles.expand([path])
            } catch {
                files += 1
                unreadable += 1
                // SpecFiles says "PATH: reason"; the path is reported on its own.
                let message = (error as? CommandFailure)?.message ?? "\(error)"
                output.unreadable(path, reason: message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message)
                continue
            }
            for entry in expanded {
                files += 1
                if let refusal = entry.refusal {
                    unreadable += 1
                    output.unreadable(entry.path, reason: refusal)
                    continue
                }
                let loaded: LoadedSpec
                do {
                    loaded = try entry.path == "-"
                        ? SpecLoader.standard.load(bytes: StandardInput.readAll(limit: SpecLoader.standard.limits.maxBytes),
                                                   file: stdinName, decode: false)
                        : SpecLoader.standard.load(path: entry.path, decode: false, listedAsRegular: entry.listedAsRegular)
                } catch let error as SpecReadError {
                    unreadable += 1
                    output.unreadable(error.file, reason: error.reason)
                    continue
                } catch {
                    // Standard input over the cap, or unreadable.
                    unreadable += 1
                    output.unreadable(stdinName, reason: (error as? FileAccessError)?.reason ?? "\(error)")
                    continue
                }
                for d in loaded.diagnostics {
                    output.report(d, source: loaded.bytes)
                    if d.severity == .error { errors += 1 } else if d.severity == .warning { warnings += 1 }
                }
            }
        }
        output.finish()
        if format == .text {
            Terminal.stderr(Summary.line(files: files, errors: errors, warnings: warnings, unreadable: unreadable))
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
