import ArgumentParser
internal import CLICommon
internal import ProviderSpec
internal import SpecSource
internal import SystemIO

/// One `validate` run: each path read through the one spec reader (from the checkout, or from
/// the git index with `--staged`), every diagnostic reported, the exit code from the counts.
public struct Validation {
    var options: ValidateOptions
    private var output: ValidationOutput
    private var files = 0, errors = 0, warnings = 0, unreadable = 0

    public init(options: ValidateOptions) {
        self.options = options
        output = ValidationOutput(format: options.format)
    }

    public mutating func run() throws {
        let reader = SpecReader(loader: options.loader)
        let disk = FolderSpecTree()
        let index = options.staged ? StagedSpecTree() : nil
        // Path by path, so that one that cannot be read is reported and the others still checked.
        for path in options.specPaths {
            if path == "-" {
                readStandardInput()
                continue
            }
            if let index {
                do {
                    report(try reader.read(path, from: index, decode: false))
                } catch {
                    if case .tree(let failure) = error { throw CommandFailure(message: "cannot read the git index: \(failure)") }
                    unreadable(path, SpecPathProblem.reason(error))
                }
                continue
            }
            do {
                report(try reader.read(path, from: disk, decode: false))
            } catch {
                unreadable(path, SpecPathProblem.reason(error))
            }
        }
        output.finish()
        if options.format == .text {
            Terminal.stderr(Summary.line(files: files, errors: errors, warnings: warnings, unreadable: unreadable))
        }
        if unreadable > 0 { throw ExitCode(ExitStatus.usage) }
        if errors > 0 || (options.strict && warnings > 0) { throw ExitCode(ExitStatus.failed) }
    }

    private mutating func report(_ reading: SpecReading) {
        for file in reading.files {
            files += 1
            if let problem = file.unreadable {
                unreadable(file.name, problem.message, counted: true)
                continue
            }
            for d in file.diagnostics { report(d, source: file.bytes) }
        }
    }

    private mutating func report(_ d: Diagnostic, source: [UInt8]?) {
        output.report(d, source: source)
        if d.severity == .error { errors += 1 } else if d.severity == .warning { warnings += 1 }
    }

    private mutating func unreadable(_ path: String, _ reason: String, counted: Bool = false) {
        if !counted { files += 1 }
        unreadable += 1
        output.unreadable(path, reason: reason)
    }

    /// `-`: one spec file from standard input, at most the spec cap.
    private mutating func readStandardInput() {
        let loader = options.loader
        do {
            let bytes = try StandardStream.input.readAll(limit: loader.limits.maxBytes)
            files += 1
            let loaded = loader.load(bytes: bytes, file: options.stdinName, decode: false)
            for d in loaded.diagnostics { report(d, source: bytes) }
        } catch {
            unreadable(options.stdinName, error.reason)
        }
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
