/// The spec as it will be committed: the git index (the staged versions, what the commit will
/// hold, whatever the working copy says), read with git itself, so the hooks need no libgit2.
/// Paths are relative to the repository's top folder. Entries keep git's modes, so links are
/// read as a commit's tree has them and the reader gives the verdict the agent will give.
public final class StagedSpecTree: SpecTree {
    public typealias Failure = GitCommandError

    private let git: GitCommand
    private var loaded: StagedIndex?

    public init(git: GitCommand = GitCommand()) {
        self.git = git
    }

    public func kind(at path: String) throws(GitCommandError) -> SpecTreeKind? {
        let index = try self.index()
        let clean = SpecLinks.normalized(path)
        if clean.isEmpty || index.children[clean] != nil { return .folder }
        return index.files[clean].map(\.kind)
    }

    public func entries(in folder: String) throws(GitCommandError) -> [SpecTreeEntry] {
        try index().children[SpecLinks.normalized(folder)] ?? []
    }

    public func contents(of names: [String], in folder: String, limit: Int) throws(GitCommandError) -> [Result<[UInt8], SpecFileProblem>] {
        let index = try self.index()
        let paths = names.map { SpecLinks.normalized(SpecLinks.join(folder, $0)) }
        let objects = paths.compactMap { index.files[$0] }.filter { $0.kind == .file }.map(\.object)
        let blobs = try StagedObjects.read(objects, limit: limit, git: git)
        return paths.map { path in
            guard let entry = index.files[path] else { return .failure(.linkDangling(target: path)) }
            guard entry.kind == .file else { return .failure(.linkToNonFile(target: path, kind: entry.kind)) }
            return blobs[entry.object] ?? .failure(.linkDangling(target: path))
        }
    }

    public func linkTarget(_ path: String) throws(GitCommandError) -> String {
        guard let entry = try index().files[SpecLinks.normalized(path)], entry.kind == .symlink,
              case .success(let bytes)? = try StagedObjects.read([entry.object], limit: 4096, git: git)[entry.object]
        else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func index() throws(GitCommandError) -> StagedIndex {
        if let loaded { return loaded }
        let index = StagedIndex(listing: try git.run(["ls-files", "--stage", "-z", "--full-name", "--", ":/"]))
        loaded = index
        return index
    }
}

/// The index as `git ls-files --stage -z` lists it: every staged path with its mode and object,
/// and the folders they imply with their entries.
struct StagedIndex {
    struct File {
        var kind: SpecTreeKind
        var object: String
    }

    var files: [String: File] = [:]
    var children: [String: [SpecTreeEntry]] = [:]

    /// Records of `<mode> <object> <stage>\t<path>`, NUL-terminated. Only stage 0 counts: git
    /// refuses to commit while a path has conflict stages.
    init(listing: [UInt8]) {
        var folders: Set<String> = []
        for record in listing.split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let fields = record[..<tab].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 3, fields[2] == "0" else { continue }
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            let kind: SpecTreeKind = switch fields[0] {
            case "100644", "100755": .file
            case "120000": .symlink
            case "160000": .other("a submodule")
            default: .other("a special entry")
            }
            files[path] = File(kind: kind, object: fields[1])
            // The entry in its folder, and each folder in its parent, once.
            var (parent, name) = SpecReader.split(path)
            children[parent, default: []].append(SpecTreeEntry(name: name, kind: kind))
            while !parent.isEmpty, folders.insert(parent).inserted {
                let folder = parent
                (parent, name) = SpecReader.split(folder)
                children[parent, default: []].append(SpecTreeEntry(name: name, kind: .folder))
            }
        }
    }
}

/// Blobs of the object database read with `git cat-file`: sizes first (`--batch-check`), so a
/// blob over the cap is refused from its size and never read.
enum StagedObjects {
    static func read(_ objects: [String], limit: Int, git: GitCommand) throws(GitCommandError) -> [String: Result<[UInt8], SpecFileProblem>] {
        guard !objects.isEmpty else { return [:] }
        var results: [String: Result<[UInt8], SpecFileProblem>] = [:]
        var wanted: [String] = []
        let sizes = try git.run(["cat-file", "--batch-check=%(objectname) %(objectsize)"], input: lines(objects))
        for line in sizes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 2, let size = Int(fields[1]) else { continue }
            if size > limit { results[fields[0]] = .failure(.tooLarge(size: size, limit: limit)) } else { wanted.append(fields[0]) }
        }
        guard !wanted.isEmpty else { return results }
        // Each object: "<name> <type> <size>\n", its bytes, "\n".
        let batch = try git.run(["cat-file", "--batch"], input: lines(wanted))
        var at = batch.startIndex
        while at < batch.endIndex, let end = batch[at...].firstIndex(of: UInt8(ascii: "\n")) {
            let header = batch[at..<end].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard header.count == 3, let size = Int(header[2]), end + 1 + size <= batch.endIndex else { break }
            results[header[0]] = .success(Array(batch[(end + 1)..<(end + 1 + size)]))
            at = end + 1 + size + 1
        }
        return results
    }

    private static func lines(_ objects: [String]) -> [UInt8] {
        Array((objects.joined(separator: "\n") + "\n").utf8)
    }
}
