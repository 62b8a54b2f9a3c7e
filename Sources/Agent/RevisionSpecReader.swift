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

/// One spec file of a commit: its bytes, or why it was not read (too large, a link that leads
/// out of the folder), which makes the revision invalid.
enum SpecFileContent {
    case bytes([UInt8])
    case refused(String)
}

/// Reads `path` at a commit: one spec file, or a folder whose *.yaml and *.yml files are
/// merged in name order. Each file goes through `SpecLoader` under its display name.
struct RevisionSpecReader {
    let mirror: any RevisionSource
    let path: String
    /// "team" for .../team.git: the first part of display names.
    let repositoryName: String

    /// How many links in a row a spec file may go through.
    static let maximumLinkHops = 8

    func read(_ commit: String) throws(SpecReadFailure) -> RevisionSpec {
        let files = try specFiles(commit)
        var parts: [(file: String, spec: Spec)] = []
        var texts: [JSONValue] = []
        var problems: [String] = [], warnings: [String] = [], displayNames: [String] = [], invalid: [String] = [], errors = 0
        let formatter = DiagnosticFormatter(format: .text)
        for (name, content) in files {
            let display = "\(repositoryName)@\(commit.prefix(7)):\(name)"
            displayNames.append(display)
            let bytes: [UInt8]
            switch content {
            case .bytes(let read): bytes = read
            case .refused(let refusal):
                // Refused unread (too large, a link out of the folder): one error for the file.
                let d = Diagnostic(severity: .error, file: display, position: nil, message: refusal, code: "spec.file")
                problems.append(formatter.render(d, source: nil).trimming(while: \.isNewline))
                errors += 1
                invalid.append(display)
                continue
            }
            let loaded = SpecLoader.standard.load(bytes: bytes, file: display)
            texts.append(.string(String(decoding: bytes, as: UTF8.self)))
            for d in loaded.diagnostics {
                let rendered = formatter.render(d, source: bytes).trimming(while: \.isNewline)
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

    /// The spec files at `commit` with their bytes, or why each was not read: `path` itself, or
    /// the *.yaml/*.yml files of the folder `path` (links among them followed inside the folder).
    private func specFiles(_ commit: String) throws(SpecReadFailure) -> [(name: String, content: SpecFileContent)] {
        let kind: TreeEntryKind
        do {
            kind = try mirror.entryKind(path, at: commit)
        } catch .fileNotFound {
            throw .missing("\(path) does not exist in commit \(commit.prefix(12)); set source.path in agent.yaml to the spec's path in the repository")
        } catch {
            throw .git(error)
        }
        if kind != .folder {
            do {
                return [(path, .bytes(try mirror.readFile(path, at: commit)))]
            } catch .fileTooLarge(_, _, let size, let limit) {
                return [(path, .refused(Self.tooLarge(size, limit)))]
            } catch {
                throw .git(error)
            }
        }
        let entries: [TreeEntry]
        do { entries = try mirror.listEntries(path, at: commit) } catch { throw .git(error) }
        let specs = entries.filter { ($0.kind == .file || $0.kind == .symlink) && ($0.name.hasSuffix(".yaml") || $0.name.hasSuffix(".yml")) }
        guard !specs.isEmpty else {
            throw .missing("the folder \(path) in commit \(commit.prefix(12)) has no *.yaml or *.yml files")
        }
        let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
        let inFolder = { (name: String) in folder.isEmpty || folder == "." ? name : "\(folder)/\(name)" }
        let plain = specs.filter { $0.kind == .file }.map(\.name)
        let read: [Result<[UInt8], GitSourceError>]
        do { read = try mirror.readFiles(plain, inFolder: path, at: commit) } catch { throw .git(error) }
        var contents: [String: Result<[UInt8], GitSourceError>] = [:]
        for (name, result) in zip(plain, read) { contents[name] = result }
        return try specs.map { entry throws(SpecReadFailure) in
            let name = inFolder(entry.name)
            guard entry.kind == .file else { return (name, try followLink(name, folder: folder, commit: commit)) }
            switch contents[entry.name]! {
            case .success(let bytes): return (name, .bytes(bytes))
            case .failure(.fileTooLarge(_, _, let size, let limit)): return (name, .refused(Self.tooLarge(size, limit)))
            case .failure(let error): throw .git(error)
            }
        }
    }

    /// A symlinked spec in the folder: read when it leads to a file inside the folder's tree,
    /// refused with the reason otherwise (never skipped in silence).
    private func followLink(_ name: String, folder: String, commit: String) throws(SpecReadFailure) -> SpecFileContent {
        let root = folder == "." ? "" : folder
        var current = name
        do {
            for _ in 0..<Self.maximumLinkHops {
                let target = try mirror.linkTarget(current, at: commit)
                guard let next = TreePath.resolveLink(current, target: target),
                      root.isEmpty || next.hasPrefix(root + "/") else {
                    return .refused("\(name) is a symbolic link to \(target), which leads outside \(root.isEmpty ? "the repository" : root); not read (link to a file inside the folder, or copy it)")
                }
                let kind: TreeEntryKind
                do {
                    kind = try mirror.entryKind(next, at: commit)
                } catch .fileNotFound {
                    return .refused("\(name) is a symbolic link to \(target), which does not exist in this commit")
                }
                switch kind {
                case .file:
                    do {
                        return .bytes(try mirror.readFile(next, at: commit))
                    } catch .fileTooLarge(_, _, let size, let limit) {
                        return .refused(Self.tooLarge(size, limit))
                    }
                case .symlink:
                    current = next
                default:
                    return .refused("\(name) is a symbolic link to \(target), which is a \(kind == .folder ? "folder" : "submodule"), not a file")
                }
            }
        } catch {
            throw .git(error)
        }
        return .refused("\(name) is a chain of more than \(Self.maximumLinkHops) symbolic links; not read")
    }

    private static func tooLarge(_ size: Int, _ limit: Int) -> String {
        "the file is \(size) bytes, over the limit of \(limit / (1 << 20)) MiB; not read"
    }

    /// "team" for https://host/org/team.git, /srv/git/team.git/ or git@host:org/team.
    static func repositoryName(of url: String) -> String {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        let last = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? text
        return last.hasSuffix(".git") && last.count > 4 ? String(last.dropLast(4)) : last
    }
}
