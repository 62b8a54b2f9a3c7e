import Foundation

/// The team's repository as the tests' "server side" sees it: a bare repository that
/// servers export, and a work clone that commits and pushes to it with the git CLI.
final class TeamRepo {
    let root: String          // the folder servers export (holds team.git)
    let bare: String
    let work: String

    init(in folder: TempFolder, branch: String = "main") throws {
        root = folder.sub("served")
        bare = root + "/team.git"
        work = folder.sub("work")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Shell.run(["git", "init", "-q", "--bare", "-b", branch, bare])
        try Shell.run(["git", "init", "-q", "-b", branch, work])
        try Shell.run(["git", "-C", work, "remote", "add", "origin", bare])
    }

    /// Writes `files` (path -> text), commits, pushes; returns the new commit id.
    @discardableResult
    func commit(_ files: [String: String], message: String, extraGitOptions: [String] = [], sign: Bool = false) throws -> String {
        for (path, text) in files {
            let full = work + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try Shell.run(["git", "-C", work, "add", "-A"])
        try Shell.run(["git", "-C", work] + extraGitOptions + ["commit", "-q", "-m", message] + (sign ? ["-S"] : []))
        try Shell.run(["git", "-C", work, "push", "-q", "-f", "origin", "HEAD"])
        return try head()
    }

    /// Rewrites history: drops the last commit and pushes a different one in its place.
    @discardableResult
    func forcePush(_ files: [String: String], message: String) throws -> String {
        try Shell.run(["git", "-C", work, "reset", "-q", "--hard", "HEAD~1"])
        return try commit(files, message: message)
    }

    func head() throws -> String {
        try Shell.run(["git", "-C", work, "rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
