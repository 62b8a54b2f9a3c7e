#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CGit2
import FoundationEssentials

extension GitMirror {
    /// The commit the branch points to on the server, from the server's ref list alone
    /// (connect + ls-remote): no pack is transferred.
    public func remoteHead() throws(GitSourceError) -> String {
        try locked { () throws(GitSourceError) in
            try withRemote(step: "ls-remote", detached: true) { remote, session throws(GitSourceError) in
                try connect(remote, session)
                return try advertisedHead(remote, session)
            }.value
        }
    }

    /// Fetches the branch, and only the branch (no tags), into the mirror.
    @discardableResult
    public func fetch() throws(GitSourceError) -> FetchResult {
        try locked { () throws(GitSourceError) in try update(skipWhenUnchanged: false) }
    }

    /// The agent's poll: reads the server's ref list and fetches only when the branch moved
    /// (then on a second connection). An unchanged branch costs one ref advertisement, no pack.
    @discardableResult
    public func sync() throws(GitSourceError) -> FetchResult {
        try locked { () throws(GitSourceError) in try update(skipWhenUnchanged: true) }
    }

    /// The mirror's copy of the branch; nil before the first fetch.
    public func localHead() -> String? {
        lock.withLock { trackedCommit() }
    }

    func trackedCommit() -> String? {
        var oid = git_oid()
        return git_reference_name_to_id(&oid, repository, trackingRef) == 0 ? oid.hex : nil
    }

    private func update(skipWhenUnchanged: Bool) throws(GitSourceError) -> FetchResult {
        let start = ContinuousClock.now
        let old = trackedCommit()
        var traffic = Traffic()
        if skipWhenUnchanged, let old {
            let (head, listing) = try withRemote(step: "ls-remote", detached: true) { remote, session throws(GitSourceError) in
                try connect(remote, session)
                return try advertisedHead(remote, session)
            }
            traffic = listing
            if head == old {
                return FetchResult(old: old, new: old, change: .unchanged, fetched: false, transfer: TransferProgress(),
                                   traffic: traffic, duration: ContinuousClock.now - start)
            }
        }
        let (transfer, fetching) = try withRemote(step: "fetch", detached: false) { remote, session throws(GitSourceError) in
            try connect(remote, session)
            _ = try advertisedHead(remote, session)  // a missing branch is reported with the ones that exist
            try download(remote, session)
            return Self.stats(remote)
        }
        traffic.add(fetching)
        guard let new = trackedCommit() else {
            throw .git(step: "fetch of \(url.redacted)", message: "the fetch did not create \(trackingRef)")
        }
        return FetchResult(
            old: old, new: new, change: try change(from: old, to: new), fetched: true,
            transfer: transfer, traffic: traffic, duration: ContinuousClock.now - start)
    }

    private func change(from old: String?, to new: String) throws(GitSourceError) -> FetchResult.Change {
        guard let old else { return .cloned }
        if old == new { return .unchanged }
        var newOid = git_oid(), oldOid = git_oid()
        git_oid_fromstr(&newOid, new)
        git_oid_fromstr(&oldOid, old)
        let rc = git_graph_descendant_of(repository, &newOid, &oldOid)
        try LibGit2Error.check(rc, "comparing \(old.prefix(12)) with \(new.prefix(12))")
        return rc == 1 ? .fastForward : .rewritten
    }

    /// Runs `body` under a NetworkSession with a remote for the configured URL, then frees
    /// it (closing its sockets) before reading the session's traffic.
    ///
    /// `detached`: a remote with no repository, for listing refs only. libgit2 1.5.1 leaks
    /// PCRE2 match data each time it reads the repository's config for a remote (about 100 KB
    /// a lookup); the idle poll of a long-running agent must not pay that, so only a fetch
    /// looks up `origin`.
    private func withRemote<T>(
        step: String, detached: Bool, _ body: (OpaquePointer, NetworkSession) throws(GitSourceError) -> T
    ) throws(GitSourceError) -> (value: T, traffic: Traffic) {
        var remote: OpaquePointer?
        if detached {
            try LibGit2Error.check(git_remote_create_detached(&remote, config.url), "opening the remote")
        } else {
            try LibGit2Error.check(git_remote_lookup(&remote, repository, Self.remoteName), "opening the mirror's remote")
        }
        let session = NetworkSession(url: url, config: config, step: step)
        let result = Result { () throws(GitSourceError) in try session.run { () throws(GitSourceError) in try body(remote!, session) } }
        git_remote_disconnect(remote)
        git_remote_free(remote)
        return (try result.get(), session.traffic)
    }

    private func connect(_ remote: OpaquePointer, _ session: NetworkSession) throws(GitSourceError) {
        // libgit2 calls a missing local path an "unsupported URL protocol".
        if url.transport == .local && !FileManager.default.fileExists(atPath: url.path) {
            throw .unreachable(url: url.redacted, reason: "there is no repository at \(url.path)")
        }
        var callbacks = RemoteCallbacks.make(for: session)
        let rc = git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil)
        if rc < 0 { throw failure(rc, session) }
    }

    private func advertisedHead(_ remote: OpaquePointer, _ session: NetworkSession) throws(GitSourceError) -> String {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        let rc = git_remote_ls(&heads, &count, remote)
        if rc < 0 { throw failure(rc, session) }
        let wanted = "refs/heads/\(config.branch)"
        var branches: [String] = []
        for i in 0..<count {
            guard let head = heads?[i]?.pointee else { continue }
            let name = String(cString: head.name)
            if name == wanted { return head.oid.hex }
            if name.hasPrefix("refs/heads/") { branches.append(String(name.dropFirst("refs/heads/".count))) }
        }
        throw .branchNotFound(branch: config.branch, url: url.redacted, available: branches.sorted())
    }

    private func download(_ remote: OpaquePointer, _ session: NetworkSession) throws(GitSourceError) {
        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        options.callbacks = RemoteCallbacks.make(for: session)
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.prune = GIT_FETCH_NO_PRUNE
        options.update_fetchhead = 0
        let refspec = strdup("+refs/heads/\(config.branch):\(trackingRef)")
        defer { free(refspec) }
        var strings: [UnsafeMutablePointer<CChar>?] = [refspec]
        let rc = strings.withUnsafeMutableBufferPointer { buffer in
            var refspecs = git_strarray(strings: buffer.baseAddress, count: 1)
            return git_remote_fetch(remote, &refspecs, &options, "provider-sync: fetch \(config.branch)")
        }
        if rc < 0 { throw failure(rc, session) }
    }

    private static func stats(_ remote: OpaquePointer) -> TransferProgress {
        guard let stats = git_remote_stats(remote)?.pointee else { return TransferProgress() }
        return TransferProgress(
            receivedObjects: Int(stats.received_objects), indexedObjects: Int(stats.indexed_objects),
            totalObjects: Int(stats.total_objects), localObjects: Int(stats.local_objects),
            receivedPackBytes: Int(stats.received_bytes))
    }

    /// The reason a callback recorded wins; then the deadline; then libgit2's own words.
    private func failure(_ rc: Int32, _ session: NetworkSession) -> GitSourceError {
        if let recorded = session.failure { return recorded }
        if session.expired {
            return .timedOut(url: url.redacted, step: session.step, after: config.timeouts.operation)
        }
        let message = LibGit2Error.explained(LibGit2Error.lastMessage)
        if rc == GIT_EAUTH.rawValue {
            return .authenticationFailed(url: url.redacted, reason: message)
        }
        return .git(step: "\(session.step) of \(url.redacted)", message: message)
    }
}
