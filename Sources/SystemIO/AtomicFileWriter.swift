#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that a reader (or a crash) sees either the old bytes or the new ones,
/// never a mix, and so that the file is never readable by others, not even for a moment.
///
/// The recipe: a temporary file in the target's own folder (rename is atomic only within one
/// filesystem), created exclusively with mode 0600, written fully, flushed, renamed over the
/// target, then the folder flushed so the rename itself survives a power cut.
public enum AtomicFileWriter {
    /// Mode of folders this writer creates: the files inside may hold API keys.
    public static let folderMode: mode_t = 0o700

    /// Writes `bytes` to `path` atomically with exactly `mode`.
    ///
    /// A symlink at `path` is followed (through every level) and the file it points at is
    /// replaced, so the link stays a link. Missing parent folders are created with 0700.
    /// Only a regular file is replaced: a device, FIFO, socket or folder there is a
    /// `FileAccessError` (checked first, and again right before the rename).
    /// On failure the temporary file is removed and the target is left as it was, and a
    /// `FileSystemError` says which step failed where. One exception: if only the final folder
    /// flush fails, the new bytes are already in place (the error says so).
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
        let target = try SymlinkResolver.resolve(path)
        try FileReplacement.requireReplaceable(target, requested: path)
        let folder = PathText.parent(of: target)
        try FileSystem.makeFolders(folder, mode: folderMode)
        TemporaryFileName.removeStale(for: target)

        let (temporary, fd) = try createTemporaryFile(for: target)
        var fdOpen = true
        do {
            defer { if fdOpen { close(fd) } }
            var code = FileSystem.writeAll(fd, bytes)
            if code != 0 { throw FileSystemError(.writeTemporaryFile, path: temporary, code: code) }
            // fchmod ignores the umask, so the final mode is exactly what was asked for.
            if fchmod(fd, mode) != 0 { throw FileSystemError(.setPermissions, path: temporary, code: errno) }
            code = FileSystem.flush(fd)
            if code != 0 { throw FileSystemError(.flushFile, path: temporary, code: code) }
            fdOpen = false
            // A failing close can report a delayed write error (NFS); it must not be ignored.
            if close(fd) != 0 && errno != EINTR {
                throw FileSystemError(.writeTemporaryFile, path: temporary, code: errno)
            }
            // Someone may have put a FIFO or device there meanwhile: rename would replace it.
            try FileReplacement.requireReplaceable(target, requested: path)
            if rename(temporary, target) != 0 {
                throw FileSystemError(.replace(from: temporary), path: target, code: errno)
            }
        } catch {
            try? FileSystem.removeFile(temporary)
            throw error
        }
        try FileSystem.flushFolder(folder)
    }

    /// Creates a new, empty, private file next to `target`; O_EXCL makes the name ours alone.
    private static func createTemporaryFile(for target: String) throws -> (path: String, fd: Int32) {
        let folder = PathText.parent(of: target)
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let path = PathText.join(folder, TemporaryFileName.make(for: target))
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600 as mode_t)
            if fd >= 0 { return (path, fd) }
            lastError = errno
            if lastError != EEXIST && lastError != EINTR { break }
        }
        throw FileSystemError(.createTemporaryFile, path: folder, code: lastError)
    }
}
