internal import CGit2

/// Turns libgit2's return codes and thread-local error message into GitSourceError.
enum LibGit2Error {
    static var lastMessage: String {
        guard let error = git_error_last(), let message = error.pointee.message else { return "unknown error" }
        return String(cString: message)
    }

    static func check(_ rc: Int32, _ step: String) throws(GitSourceError) {
        guard rc < 0 else { return }
        throw .git(step: step, message: explained(lastMessage))
    }

    /// libgit2's message, with what to do where its own words mislead.
    static func explained(_ message: String) -> String {
        if message.contains("not owned by current user") {
            return message + " (libgit2 refuses repositories owned by another user, like git's "
                + "safe.directory check: serve it over a transport or run as its owner)"
        }
        return message
    }
}

extension git_oid {
    var hex: String {
        var oid = self
        // git_oid_tostr_s writes to a thread-local buffer: copy it out at once.
        return String(cString: git_oid_tostr_s(&oid))
    }
}
