import GitSource
import JSONCore
import OpenCodeConfig
import ProviderSpec

/// The spec of one commit, read from its tree (never from a work tree).
struct RevisionSpec: Sendable {
    var spec: Spec
    /// The file names as diagnostics show them: `<repo>@<short sha>:<path>`.
    var files: [String]
    /// Warnings of the loader; errors make the revision invalid instead.
    var warnings: [String]
    /// A hash of the text, recorded with the apply (the same as `apply` records for one file).
    var hash: String
}

/// Why the spec of a commit cannot be used.
public enum SpecReadFailure: Error, Sendable {
    /// The commit has no such file or folder, or the folder no spec files.
    case missing(String)
    /// The loader found errors in `files`; each entry is one formatted diagnostic.
    case invalid(files: [String], diagnostics: [String], errorCount: Int)
    case merge(SpecMergeError)
    /// Reading the mirror itself failed.
    case git(GitSourceError)
}

/// Reads `path` at a commit: one spec file, or a folder whose *.yaml and *.yml files are
/// merged in name order. Each file goes through `SpecLoader` under its display name.
struct RevisionSpecReader {
    let mirror: any RevisionSource
    let path: String
    /// "team" for .../team.git: the first part of display names.
    let repositoryName: String

    func read(_ commit: String) throws(SpecReadFailure) -> RevisionSpec {
        let names = try fileNames(commit)
        var parts: [(file: String, spec: Spec)] = []
        var texts: [JSONValue] = []
        var problems: [String] = [], warnings: [String] = [], displayNames: [String] = [], invalid: [String] = [], errors = 0
        let formatter = DiagnosticFormatter(format: .text)
        for name in names {
            let bytes: [UInt8]
            do { bytes = try mirror.readFile(name, at: commit) } catch { throw .git(error) }
            let display = "\(repositoryName)@\(commit.prefix(7)):\(name)"
            displayNames.append(display)
            let loaded = SpecLoader.standard.load(bytes: bytes, file: display)
            texts.append(.string(String(decoding: bytes, as: UTF8.self)))
            for d in loaded.diagnostics {
                let rendered = formatter.render(d, source: bytes).trimmingCharacters(in: .newlines)
                if d.severity == .error { problems.append(rendered); errors += 1 } else { warnings.append(rendered) }
            }
            if let spec = loaded.spec, !loaded.hasErrors { parts.append((display, spec)) } else { invalid.append(display) }
        }
        guard problems.isEmpty else { throw .invalid(files: invalid, diagnostics: problems, errorCount: errors) }
        let spec: Spec
        do { spec = try SpecMerge.merge(parts) } catch { throw .merge(error) }
        // One file hashes as `apply` hashes it, so both record the same spec hash.
        let hash = texts.count == 1 ? stableHash(texts[0]) : stableHash(.array(texts))
        return RevisionSpec(spec: spec, files: displayNames, warnings: warnings, hash: hash)
    }

    /// The spec files at `commit`: `path` itself, or the *.yaml/*.yml files of the folder `path`.
    private func fileNames(_ commit: String) throws(SpecReadFailure) -> [String] {
        do {
            _ = try mirror.readFile(path, at: commit)
            return [path]
        } catch .notAFile(_, _, kind: "folder") {
            // A folder of specs, below.
        } catch .fileNotFound {
            throw .missing("\(path) does not exist in commit \(commit.prefix(12)); set source.path in agent.yaml to the spec's path in the repository")
        } catch {
            throw .git(error)
        }
        let names: [String]
        do { names = try mirror.listFolder(path, at: commit) } catch { throw .git(error) }
        let specs = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        guard !specs.isEmpty else {
            throw .missing("the folder \(path) in commit \(commit.prefix(12)) has no *.yaml or *.yml files")
        }
        let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
        return specs.map { folder.isEmpty || folder == "." ? $0 : "\(folder)/\($0)" }
    }

    /// "team" for https://host/org/team.git, /srv/git/team.git/ or git@host:org/team.
    static func repositoryName(of url: String) -> String {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        let last = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? text
        return last.hasSuffix(".git") && last.count > 4 ? String(last.dropLast(4)) : last
    }
}
