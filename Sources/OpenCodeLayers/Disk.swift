internal import SystemIO

/// The file system as OpenCode's loader looks at it: whether something is at a path (a file or
/// a folder, as Node's `exists`), and a config file's bytes through the project's one reader
/// (regular files only, capped).
enum Disk {
    static func exists(_ path: String) -> Bool {
        (try? FileStatus.of(path)) != nil
    }

    static func isFolder(_ path: String) -> Bool {
        (try? FileStatus.of(path))?.type == .folder
    }

    /// The file's bytes; nil when nothing is there.
    static func read(_ path: String) throws(FileAccessError) -> [UInt8]? {
        try FileReader.read(path)
    }

    /// A small text file's content (a `.git` file, `commondir`), nil when unreadable.
    static func text(_ path: String) -> String? {
        guard let bytes = try? FileReader.read(path, limit: 64 << 10) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
