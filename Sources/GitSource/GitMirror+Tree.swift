import CGit2

extension GitMirror {
    /// The bytes of the file at `path` in `commit`'s tree, read from the object store.
    public func readFile(_ path: String, at commit: String) throws(GitSourceError) -> [UInt8] {
        try locked { () throws(GitSourceError) in
            let clean = try TreePath.normalize(path)
            guard !clean.isEmpty else { throw .invalidPath(path, reason: "it names no file") }
            return try withTree(of: commit) { tree throws(GitSourceError) in
                try withEntry(clean, in: tree, commit: commit) { entry throws(GitSourceError) in
                    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else {
                        throw .notAFile(path: clean, commit: commit, kind: Self.kind(of: entry))
                    }
                    guard git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK else {
                        throw .notAFile(path: clean, commit: commit, kind: "symbolic link")
                    }
                    var blob: OpaquePointer?
                    try LibGit2Error.check(git_blob_lookup(&blob, repository, git_tree_entry_id(entry)), "reading \(clean)")
                    defer { git_blob_free(blob) }
                    let size = Int(git_blob_rawsize(blob))
                    guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
                    return Array(UnsafeRawBufferPointer(start: content, count: size))
                }
            }
        }
    }

    /// The names of the files (not folders, links or submodules) directly in the folder at
    /// `path` ("" for the root), in byte order: the order a folder of specs is merged in.
    public func listFolder(_ path: String, at commit: String) throws(GitSourceError) -> [String] {
        try locked { () throws(GitSourceError) in
            let clean = try TreePath.normalize(path)
            return try withTree(of: commit) { root throws(GitSourceError) in
                if clean.isEmpty { return Self.fileNames(root) }
                return try withEntry(clean, in: root, commit: commit) { entry throws(GitSourceError) in
                    guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
                        throw .notAFolder(path: clean, commit: commit)
                    }
                    var folder: OpaquePointer?
                    try LibGit2Error.check(git_tree_lookup(&folder, repository, git_tree_entry_id(entry)), "reading \(clean)")
                    defer { git_tree_free(folder) }
                    return Self.fileNames(folder!)
                }
            }
        }
    }

    private static func fileNames(_ tree: OpaquePointer) -> [String] {
        (0..<git_tree_entrycount(tree)).compactMap { i -> String? in
            let entry = git_tree_entry_byindex(tree, i)
            let mode = git_tree_entry_filemode(entry)
            guard mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE else { return nil }
            return String(cString: git_tree_entry_name(entry))
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    private static func kind(of entry: OpaquePointer) -> String {
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_TREE: return "folder"
        case GIT_OBJECT_COMMIT: return "submodule"
        default: return "special entry"
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
enum TreePath {
    static func normalize(_ path: String) throws(GitSourceError) -> String {
        guard !path.utf8.contains(0) else { throw .invalidPath(path, reason: "it contains a NUL byte") }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            guard part != ".." else { throw .invalidPath(path, reason: "'..' cannot leave the repository") }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}
