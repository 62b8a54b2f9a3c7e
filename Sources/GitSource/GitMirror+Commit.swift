internal import CGit2

extension GitMirror {
    /// The signature of `commit` and the bytes it signs; nil when the commit is unsigned.
    public func commitSignature(_ commit: String) throws(GitSourceError) -> CommitSignature? {
        try locked { () throws(GitSourceError) in
            let object = try lookupCommit(commit)
            var oid = git_commit_id(object)!.pointee
            git_commit_free(object)
            var signature = git_buf(), signed = git_buf()
            defer {
                git_buf_dispose(&signature)
                git_buf_dispose(&signed)
            }
            let rc = git_commit_extract_signature(&signature, &signed, repository, &oid, nil)
            if rc == GIT_ENOTFOUND.rawValue { return nil }
            try LibGit2Error.check(rc, "reading the signature of \(commit)")
            return CommitSignature(signature: Self.string(signature), signedData: Self.bytes(signed))
        }
    }

    public func commitInfo(_ commit: String) throws(GitSourceError) -> CommitInfo {
        try locked { () throws(GitSourceError) in
            let object = try lookupCommit(commit)
            defer { git_commit_free(object) }
            let author = git_commit_author(object)!.pointee
            return CommitInfo(
                id: git_commit_id(object)!.pointee.hex,
                summary: git_commit_summary(object).map { String(cString: $0) } ?? "",
                author: "\(String(cString: author.name)) <\(String(cString: author.email))>",
                time: git_commit_time(object))
        }
    }

    /// A commit by full or abbreviated (at least 4 digits) hex id. Only hex is accepted, so
    /// a revision expression such as `HEAD~1` cannot slip in.
    func lookupCommit(_ id: String) throws(GitSourceError) -> OpaquePointer {
        guard (4...Int(GIT_OID_HEXSZ)).contains(id.count), id.allSatisfy(\.isHexDigit) else {
            throw .commitNotFound(id)
        }
        var oid = git_oid()
        var commit: OpaquePointer?
        guard git_oid_fromstrn(&oid, id, id.utf8.count) == 0,
              git_commit_lookup_prefix(&commit, repository, &oid, id.utf8.count) == 0, let commit else {
            throw .commitNotFound(id)
        }
        return commit
    }

    private static func bytes(_ buffer: git_buf) -> [UInt8] {
        guard let pointer = buffer.ptr, buffer.size > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: buffer.size))
    }

    private static func string(_ buffer: git_buf) -> String {
        String(decoding: bytes(buffer), as: UTF8.self)
    }
}
