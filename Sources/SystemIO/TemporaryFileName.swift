/// Names of the writer's temporary files: ".<target name>.tmp-<pid>-<random>".
///
/// Hidden (leading dot) so editors and globs skip them; the pid lets a later run tell a file
/// left by a killed writer from one a live writer is still filling.
public enum TemporaryFileName {
    /// Keeps the whole name under NAME_MAX (255) however long the target's name is.
    private static let maximumStemLength = 100

    static func make(for target: String) -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return prefix(for: target) + "\(RunningProcess.id)-\(random)"
    }

    static func prefix(for target: String) -> String {
        "." + String(PathText.lastComponent(of: target).prefix(maximumStemLength)) + ".tmp-"
    }

    /// Removes temporary files of `target` whose writer process is gone (killed mid-write).
    /// Best effort: a leftover file is untidy, never harmful, so failures are ignored.
    static func removeStale(for target: String) {
        removeStale(in: PathText.parent(of: target), prefix: prefix(for: target))
    }

    /// Removes every temporary file in `folder` whose writer is gone, whatever file it was
    /// for. For a folder of this tool's own where each name is written once (a history folder),
    /// so that no later write of the same name would clean up after a killed one.
    public static func removeStale(in folder: String) {
        removeStale(in: folder, prefix: ".")
    }

    private static func removeStale(in folder: String, prefix: String) {
        guard let names = try? FileSystem.listFolder(folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            // "<pid>-<random>" after the last ".tmp-".
            let parts = name.split(separator: ".tmp-", omittingEmptySubsequences: false)
            guard parts.count >= 2, let last = parts.last else { continue }
            let rest = last.split(separator: "-", maxSplits: 1)
            guard rest.count == 2, let pid = Int32(rest[0]), pid > 0 else { continue }
            if !RunningProcess.isAlive(pid) { try? FileSystem.removeFile(PathText.join(folder, name)) }
        }
    }
}
