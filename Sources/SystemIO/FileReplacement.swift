/// The check before a file is replaced by rename: only a regular file (or nothing) may be.
/// Renaming over a device, FIFO or socket would turn it into a regular file (as root, over
/// /dev/null itself); over a folder it fails anyway, but with a less clear message.
public enum FileReplacement {
    /// Throws unless `path` is a regular file or does not exist. `path` is the final path (its
    /// symlinks already followed); `requested` is the name the user gave, for the message.
    public static func requireReplaceable(_ path: String, requested: String) throws(FileAccessError) {
        guard let status = try FileStatus.of(path, followingSymlinks: false), status.type != .regular else { return }
        throw FileAccessError(path: requested, resolved: path,
                              problem: status.isNullDevice ? .switchedOff : .notRegular(status.type))
    }
}
