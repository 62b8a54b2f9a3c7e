internal import CGit2

/// What an entry of a commit's tree is.
public enum TreeEntryKind: Sendable, Equatable {
    case file, folder, symlink, submodule
}

/// One entry of a folder in a commit's tree.
public struct TreeEntry: Sendable, Equatable {
    public var name: String
    public var kind: TreeEntryKind

    public init(name: String, kind: TreeEntryKind) {
        self.name = name
        self.kind = kind
    }
}

extension GitMirror {
    /// The largest file `readFile` loads: 32 MiB, the cap of a spec file. A larger blob is
    /// refused from its object header, before its content is inflated.
    public static let maxFileSize = 32 << 20

    /// The bytes of the file at `path` in `commit`'s tree, at most `maxFileSize`.
    public func readFile(_ path: String, at commit: String) throws(GitSourceError) -> [UInt8] {
        try readFile(path, at: commit, limit: Self.maxFileSize)
    }

    /// The bytes of the file at `path` in `commit`'s tree, read from the object store.
    public func readFile(_ path: String, at commit: String, limit: Int) throws(GitSourceError) -> [UInt8] {
        try locked { () throws(GitSourceError) in
            let clean = try TreePath.normalize(path)
            guard !clean.isEmpty else { throw .invalidPath(path, reason: "it names no file") }
            return try withTree(of: commit) { tree throws(GitSourceError) in
                try withEntry(clean, in: tree, commit: commit) { entry throws(GitSourceError) in
                    guard Self.kind(of: entry) == .file else {
                        throw .notAFile(path: clean, commit: commit, kind: Self.kindName(of: entry))
                    }
                    return try readBlob(entry, path: clean, commit: commit, limit: limit)
                }
            }
        }
    }

    /// What `path` is in `commit`'s tree; `fileNotFound` when it is not there.
    public func entryKind(_ path: String, at commit: String) throws(GitSourceError) -> TreeEntryKind {
        try locked { () throws(GitSourceError) in
            let clean = try TreePath.normalize(path)
            if clean.isEmpty { return .folder }
            return try withTree(of: commit) { tree throws(GitSourceError) in
                try withEntry(clean, in: tree, commit: commit) { entry throws(GitSourceError) in Self.kind(of: entry) }
            }
        }
    }

    /// Where the symbolic link at `path` points, as stored (a path relative to the link's folder).
    public func linkTarget(_ path: String, at commit: String) throws(GitSourceError) -> String {
        try locked { () throws(GitSourceError) in
            let clean = try TreePath.normalize(path)
            return try withTree(of: commit) { tree throws(GitSourceError) in
                try withEntry(clean, in: tree, commit: commit) { entry throws(GitSourceError) in
                    guard Self.kind(of: entry) == .symlink else {
                        throw .notAFile(path: clean, commit: commit, kind: Self.kindName(of: entry))
                    }
                    // A link's blob is its target path; PATH_MAX bounds it.
                    let bytes = try readBlob(entry, path: clean, commit: commit, limit: 4096)
                    return String(decoding: bytes, as: UTF8.self)
                }
            }
        }
    }

    /// The files (not folders, links or submodules) directly in the folder at `path` ("" for
    /// the root), in byte order: the order a folder of specs is merged in.
    public func listFolder(_ path: String, at commit: String) throws(GitSourceError) -> [String] {
        try listEntries(path, at: commit).filter { $0.kind == .file }.map(\.name)
    }

    /// Every entry directly in the folder at `path`, in byte order of their names.
    public func listEntries(_ path: String, at commit: String) throws(GitSourceError) -> [TreeEntry] {
        try withFolder(path, at: commit) { folder throws(GitSourceError) in
            (0..<git_tree_entrycount(folder)).map { i -> TreeEntry in
                let entry = git_tree_entry_byindex(folder, i)!
                return TreeEntry(name: String(cString: git_tree_entry_name(entry)), kind: Self.kind(of: entry))
            }.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        }
    }

    /// The bytes of the files `names` of the folder at `path`, in that order, each read or
    /// refused on its own (too large, not a file). The folder's tree is read once: looked up by
    /// path for every file, a folder of 10,000 specs was parsed 10,000 times (libgit2 keeps no
    /// tree over 4 KiB in its object cache).
    public func readFiles(_ names: [String], inFolder path: String, at commit: String) throws(GitSourceError) -> [Result<[UInt8], GitSourceError>] {
        try readFiles(names, inFolder: path, at: commit, limit: Self.maxFileSize)
    }

    public func readFiles(_ names: [String], inFolder path: String, at commit: String,
                          limit: Int) throws(GitSourceError) -> [Result<[UInt8], GitSourceError>] {
        let folderPath = try TreePath.normalize(path)
        return try withFolder(path, at: commit) { folder throws(GitSourceError) in
            names.map { name -> Result<[UInt8], GitSourceError> in
                let shown = folderPath.isEmpty ? name : folderPath + "/" + name
                guard let entry = git_tree_entry_byname(folder, name) else { return .failure(.fileNotFound(path: shown, commit: commit)) }
                guard Self.kind(of: entry) == .file else {
                    return .failure(.notAFile(path: shown, commit: commit, kind: Self.kindName(of: entry)))
                }
                return Result { () throws(GitSourceError) in try readBlob(entry, path: shown, commit: commit, limit: limit) }
            }
        }
    }

    /// The blob of `entry`, its size taken from the object header first: a blob over `limit`
    /// is refused without being inflated.
    private func readBlob(_ entry: OpaquePointer, path: String, commit: String, limit: Int) throws(GitSourceError) -> [UInt8] {
        let id = git_tree_entry_id(entry)
        var database: OpaquePointer?
        try LibGit2Error.check(git_repository_odb(&database, repository), "opening the object store")
        defer { git_odb_free(database) }
        var size = 0
        var type = GIT_OBJECT_ANY
        try LibGit2Error.check(git_odb_read_header(&size, &type, database, id), "reading the header of \(path)")
        guard size <= limit else { throw .fileTooLarge(path: path, commit: commit, size: size, limit: limit) }
        var blob: OpaquePointer?
        try LibGit2Error.check(git_blob_lookup(&blob, repository, id), "reading \(path)")
        defer { git_blob_free(blob) }
        let length = Int(git_blob_rawsize(blob))
        guard length > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: length))
    }

    private func withFolder<T>(_ path: String, at commit: String,
                               _ body: (OpaquePointer) throws(GitSourceError) -> T) throws(GitSourceError) -> T {
        try locked { () throws(GitSourceError) in
            let clean = try TreePath.normalize(path)
            return try withTree(of: commit) { root throws(GitSourceError) in
                if clean.isEmpty { return try body(root) }
                return try withEntry(clean, in: root, commit: commit) { entry throws(GitSourceError) in
                    guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
                        throw .notAFolder(path: clean, commit: commit)
                    }
                    var folder: OpaquePointer?
                    try LibGit2Error.check(git_tree_lookup(&folder, repository, git_tree_entry_id(entry)), "reading \(clean)")
                    defer { git_tree_free(folder) }
                    return try body(folder!)
                }
            }
        }
    }

    private static func kind(of entry: OpaquePointer) -> TreeEntryKind {
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: return .file
        case GIT_FILEMODE_LINK: return .symlink
        case GIT_FILEMODE_TREE: return .folder
        default: return .submodule
        }
    }

    private static func kindName(of entry: OpaquePointer) -> String {
        switch kind(of: entry) {
        case .file: return "file"
        case .folder: return "folder"
        case .symlink: return "symbolic link"
        case .submodule: return git_tree_entry_type(entry) == GIT_OBJECT_COMMIT ? "submodule" : "special entry"
        }
    }

    private func withTree<T>(of commit: String, _ body: (OpaquePointer) throws(GitSourceError) -> T) throws(GitSourceError) -> T {
        let object = try lookupCommit(commit)
        defer { git_commit_free(object) }
        var tree: OpaquePointer?
        try LibGit2Error.check(git_commit_tree(&tree, object), "reading the tree of \(commit)")
        defer { git_tree_free(tree) }
        return try body(tree!)
    }

    private func withEntry<T>(
        _ path: String, in tree: OpaquePointer, commit: String, _ body: (OpaquePointer) throws(GitSourceError) -> T
    ) throws(GitSourceError) -> T {
        var entry: OpaquePointer?
        let rc = git_tree_entry_bypath(&entry, tree, path)
        if rc == GIT_ENOTFOUND.rawValue { throw .fileNotFound(path: path, commit: commit) }
        try LibGit2Error.check(rc, "looking up \(path)")
        defer { git_tree_entry_free(entry) }
        return try body(entry!)
    }
}

/// Paths inside a commit's tree: `/`-separated, relative, no `..`.
public enum TreePath {
    static func normalize(_ path: String) throws(GitSourceError) -> String {
        guard !path.utf8.contains(0) else { throw .invalidPath(path, reason: "it contains a NUL byte") }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            guard part != ".." else { throw .invalidPath(path, reason: "'..' cannot leave the repository") }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// Why `path` cannot name a file inside a repository (absolute, `..`, NUL), or nil when it can.
    public static func problem(_ path: String) -> String? {
        if path.hasPrefix("/") { return "it is absolute; give the path inside the repository, e.g. providers.yaml" }
        if path.hasPrefix("~") { return "'~' means nothing inside a repository; give the path from its top folder" }
        do {
            _ = try normalize(path)
            return nil
        } catch {
            if case .invalidPath(_, let reason) = error { return reason }
            return "\(error)"
        }
    }

    /// Where a symbolic link at `link` whose stored target is `target` leads, resolved by its
    /// text (a link in a tree has no file system to ask); nil when it leads out of the tree or
    /// is absolute.
    public static func resolveLink(_ link: String, target: String) -> String? {
        guard !target.hasPrefix("/"), !target.utf8.contains(0) else { return nil }
        var parts = link.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
