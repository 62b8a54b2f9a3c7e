internal import JSONCore
public import ProviderSpec

/// The one reader of "the spec at a path of a tree": a file, or a folder whose spec files
/// (`SpecFolderRule`) are checked each on its own, then against each other
/// (`CrossFileChecks`), then merged (`SpecMerge`). `validate`, `apply`, `render`, `diff`, the
/// git hooks (the staged index) and the agent (a commit) all read specs through it, so the
/// verdict, the diagnostics, the merged spec and its hash cannot differ between them.
public struct SpecReader: Sendable {
    public var loader: SpecLoader

    public init(loader: SpecLoader = .standard) {
        self.loader = loader
    }

    /// The spec at `path` of `tree`. Diagnostics name files `prefix` + path (the agent's
    /// `team@1a2b3c4:`). `decode: false` when only the verdict and diagnostics are wanted
    /// (`validate`): decoding a large spec costs as much as checking it.
    public func read<Tree: SpecTree>(_ path: String, from tree: Tree, shownAs prefix: String = "",
                                     decode: Bool = true) throws(SpecPathError<Tree.Failure>) -> SpecReading {
        var kind = try lift { () throws(Tree.Failure) in try tree.kind(at: path) }
        var place = path
        if kind == .symlink {
            switch try lift({ () throws(Tree.Failure) in try tree.followNamedLink(path) }) {
            case .success(let target):
                place = target.path
                kind = target.kind
            case .failure(let problem):
                return finish([refused(path, prefix: prefix, problem)], decode: decode)
            }
        }
        guard let kind else { throw .missing(path: path) }
        guard kind == .folder else {
            let (folder, name) = Self.split(place)
            let content = try lift { () throws(Tree.Failure) in try tree.contents(of: [name], in: folder, limit: loader.limits.maxBytes) }
            return finish([file(path, prefix: prefix, content[0], decode: decode, declarations: false)], decode: decode)
        }
        return try readFolder(place, from: tree, prefix: prefix, decode: decode)
    }

    private func readFolder<Tree: SpecTree>(_ folder: String, from tree: Tree, prefix: String,
                                            decode: Bool) throws(SpecPathError<Tree.Failure>) -> SpecReading {
        let specs = SpecFolderRule.specs(try lift { () throws(Tree.Failure) in try tree.entries(in: folder) })
        guard !specs.isEmpty else { throw .noSpecFiles(folder: folder) }
        let plain = specs.filter { $0.kind != .symlink }.map(\.name)
        let read = try lift { () throws(Tree.Failure) in try tree.contents(of: plain, in: folder, limit: loader.limits.maxBytes) }
        var contents: [String: Result<[UInt8], SpecFileProblem>] = [:]
        for (name, result) in zip(plain, read) { contents[name] = result }
        var files: [PendingFile] = []
        // What the files declare is kept only when there are files to compare.
        let declarations = specs.count > 1
        for entry in specs {
            let path = SpecLinks.join(folder, entry.name)
            let content: Result<[UInt8], SpecFileProblem>
            if let read = contents[entry.name] {
                content = read
            } else {
                content = try lift { () throws(Tree.Failure) in try linked(path, folder: folder, tree: tree) }
            }
            files.append(file(path, prefix: prefix, content, decode: decode, declarations: declarations))
        }
        return finish(files, decode: decode)
    }

    /// The bytes of the file a link of the folder leads to, or why it is not read.
    private func linked<Tree: SpecTree>(_ path: String, folder: String, tree: Tree) throws(Tree.Failure) -> Result<[UInt8], SpecFileProblem> {
        switch try SpecLinks.follow(path, inside: folder, of: tree) {
        case .failure(let problem): return .failure(problem)
        case .success(let target):
            let (dir, name) = Self.split(target.path)
            return try tree.contents(of: [name], in: dir, limit: loader.limits.maxBytes)[0]
        }
    }

    /// A file's reading: loaded and checked, or refused (a content problem is an error of the
    /// file; a problem of this machine leaves it unread).
    private func file(_ path: String, prefix: String, _ content: Result<[UInt8], SpecFileProblem>, decode: Bool,
                      declarations: Bool) -> PendingFile {
        switch content {
        case .failure(let problem): return refused(path, prefix: prefix, problem)
        case .success(let bytes):
            let loaded = loader.load(bytes: bytes, file: prefix + path, decode: decode)
            return PendingFile(reading: SpecFileReading(path: path, name: prefix + path, bytes: bytes, diagnostics: loaded.diagnostics),
                               spec: loaded.spec, declarations: declarations ? loaded.document.map(SpecDeclarations.init) : nil)
        }
    }

    private func refused(_ path: String, prefix: String, _ problem: SpecFileProblem) -> PendingFile {
        var reading = SpecFileReading(path: path, name: prefix + path, bytes: nil, diagnostics: [])
        if problem.isEnvironment {
            reading.unreadable = problem
        } else {
            reading.diagnostics = [Diagnostic(severity: .error, file: prefix + path, position: nil, message: problem.message,
                                              code: SpecReader.fileCode)]
        }
        return PendingFile(reading: reading, spec: nil, declarations: nil)
    }

    /// Cross-file rules, merge and hash.
    private func finish(_ pending: [PendingFile], decode: Bool) -> SpecReading {
        var files = pending.map(\.reading)
        if pending.count > 1 {
            let clashes = CrossFileChecks.run(pending.compactMap { file in file.declarations.map { (file.reading.name, $0) } })
            for clash in clashes {
                guard let i = files.firstIndex(where: { $0.name == clash.file }) else { continue }
                files[i].diagnostics = (files[i].diagnostics + [clash]).inFileOrder()
            }
        }
        var reading = SpecReading(files: files, spec: nil)
        if decode, reading.isValid {
            let parts = pending.compactMap { file in file.spec.map { (file: file.reading.name, spec: $0) } }
            reading.spec = parts.count == pending.count ? try? SpecMerge.merge(parts) : nil
        }
        return reading
    }

    /// One file hashes as `apply` of that file always has; a folder over its files' texts.
    static func hash(_ files: [SpecFileReading]) -> String {
        let texts = files.map { JSONValue.string(String(decoding: $0.bytes ?? [], as: UTF8.self)) }
        return texts.count == 1 ? stableHash(texts[0]) : stableHash(.array(texts))
    }

    /// The code of a file refused unread (too large, a link out of the folder).
    public static let fileCode = "spec.file"

    /// ("providers.d", "10-local.yaml") for "providers.d/10-local.yaml"; ("", name) for a bare name.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let folder = path[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(path[path.index(after: slash)...]))
    }

    private func lift<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(SpecPathError<Failure>) -> T {
        do {
            return try body()
        } catch {
            throw .tree(error)
        }
    }
}

/// A file read, with what the folder's checks and merge need from it.
private struct PendingFile {
    var reading: SpecFileReading
    var spec: Spec?
    var declarations: SpecDeclarations?
}
